package dev.switchboard.daemon.service;

import dev.switchboard.api.DaemonStatus;
import dev.switchboard.daemon.net.ConnectionBudget;
import dev.switchboard.daemon.plugin.PluginHost;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What every service shares with the others.
 *
 * @param plugins where protocols come from
 * @param executor the one executor all clients run on
 * @param budget the daemon-wide connection limit
 * @param clock the time protocols see
 * @param status the daemon's current status, for protocols that show it
 */
public record ServiceEnvironment(
        PluginHost plugins, Executor executor, ConnectionBudget budget, Clock clock, Supplier<DaemonStatus> status) {
}
