package dev.switchboard.daemon.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code daemon:} section.
 *
 * @param bind the address services listen on unless they name their own
 * @param pluginDirs directories whose plugin JARs and zips are loaded, in order
 * @param threads how client work runs
 * @param maxConnections connections all services together hold at once
 * @param shutdownGrace how long a stop waits for clients to finish before closing them
 * @param pluginTimeout how long the daemon waits for one call into a plugin ({@code open}, {@code drain},
 *     {@code close}) before it logs the overrun and goes on without it
 */
public record DaemonSettings(
        InetAddress bind, List<Path> pluginDirs, ThreadMode threads, int maxConnections, Duration shutdownGrace,
        Duration pluginTimeout) {

    public DaemonSettings {
        pluginDirs = List.copyOf(pluginDirs);
    }
}
