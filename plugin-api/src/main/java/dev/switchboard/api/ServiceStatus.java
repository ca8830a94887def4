package dev.switchboard.api;

import java.util.Objects;

/**
 * One service as the daemon sees it at a moment: where it listens and what it has done.
 *
 * <pre>{@code
 * for (ServiceStatus s : context.status().services()) {
 *     out.println(s.name() + " " + s.state() + " " + s.activeConnections());
 * }
 * }</pre>
 *
 * @param name the service's name (its key under {@code services:})
 * @param protocol the protocol it serves
 * @param pluginId the PF4J id of the plugin providing the protocol; empty if none does
 * @param pluginVersion that plugin's version; empty if none
 * @param address the bound address, e.g. {@code "::"} or {@code "127.0.0.1"}
 * @param port the bound port (the real one when {@code 0} was configured); 0 when not bound
 * @param state the lifecycle state
 * @param problem why the service is {@link State#FAILED}, or empty
 * @param activeConnections clients connected now
 * @param totalConnections clients admitted since the service started
 * @param rejectedConnections clients refused by access rules or limits since the service started
 * @param bytesIn bytes received from clients
 * @param bytesOut bytes sent to clients
 * @param stuckHandlers handlers still running well after their client closed (a plugin stuck in a loop or
 *     a call that ignores closing); each keeps its place in the service's {@code max-connections} until it
 *     returns. Since 0.2.0.
 * @param failedHandlers handlers that threw since the service started (a bug in the plugin). Since 0.2.0.
 * @param failedPluginCalls the daemon's calls into the service's plugin on start, reload and stop
 *     ({@code open}, {@code drain}, {@code close}) that threw or ran past {@code daemon.plugin-timeout}, since
 *     the daemon started; kept by service name across reloads, so an {@code open} that failed a refused
 *     reload shows on the service that kept running. Since 0.2.0.
 */
public record ServiceStatus(
        String name,
        String protocol,
        String pluginId,
        String pluginVersion,
        String address,
        int port,
        State state,
        String problem,
        long activeConnections,
        long totalConnections,
        long rejectedConnections,
        long bytesIn,
        long bytesOut,
        long stuckHandlers,
        long failedHandlers,
        long failedPluginCalls) {

    /** A service's place in its lifecycle. */
    public enum State {
        /** Opening its handler and socket. */
        STARTING,
        /** Accepting clients. */
        RUNNING,
        /** No longer accepting; waiting for its clients to finish. */
        DRAINING,
        /** Closed. */
        STOPPED,
        /** Could not start: see {@link ServiceStatus#problem()}. */
        FAILED
    }

    /**
     * The constructor of 0.1.0, kept for plugins built against it: no stuck or failed handlers or calls.
     *
     * @param name the service's name
     * @param protocol the protocol it serves
     * @param pluginId the plugin providing the protocol; empty if none does
     * @param pluginVersion that plugin's version; empty if none
     * @param address the bound address
     * @param port the bound port; 0 when not bound
     * @param state the lifecycle state
     * @param problem why the service failed, or empty
     * @param activeConnections clients connected now
     * @param totalConnections clients admitted since the service started
     * @param rejectedConnections clients refused since the service started
     * @param bytesIn bytes received from clients
     * @param bytesOut bytes sent to clients
     */
    public ServiceStatus(String name, String protocol, String pluginId, String pluginVersion, String address,
                         int port, State state, String problem, long activeConnections, long totalConnections,
                         long rejectedConnections, long bytesIn, long bytesOut) {
        this(name, protocol, pluginId, pluginVersion, address, port, state, problem, activeConnections,
                totalConnections, rejectedConnections, bytesIn, bytesOut, 0, 0, 0);
    }

    /** Checks that no component is null. */
    public ServiceStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(pluginVersion, "pluginVersion");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(problem, "problem");
    }
}
