package dev.switchboard.daemon.service;

import dev.switchboard.daemon.background.BackgroundThreads;
import dev.switchboard.daemon.net.ConnectionBudget;
import dev.switchboard.daemon.plugin.PluginHost;
import dev.switchboard.daemon.status.StatusView;
import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * What every service shares with the others.
 *
 * @param plugins where protocols come from
 * @param executor the one executor all clients run on
 * @param budget the daemon-wide connection limit
 * @param clock the time protocols see
 * @param status the daemon's current status as each client may see it, for protocols that show it
 * @param calls the deadline every call into a plugin runs under, and the count of those that failed
 * @param background the threads of the services' background work
 */
public record ServiceEnvironment(
        PluginHost plugins, Executor executor, ConnectionBudget budget, Clock clock, StatusView status,
        PluginCalls calls, BackgroundThreads background) {
}
