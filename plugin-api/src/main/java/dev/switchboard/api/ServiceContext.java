package dev.switchboard.api;

import java.net.InetAddress;
import java.time.Clock;

/**
 * What a protocol gets from the daemon when it opens a service: the service's name and settings, a
 * clock, the daemon's status, and a place to publish status of its own.
 *
 * <pre>{@code
 * public Handler open(ServiceContext context) throws ConfigException {
 *     Rooms rooms = new Rooms(context.settings().string("default-room", "lobby"));
 *     context.publish(new StatusSource() {
 *         public String name() { return "chat"; }
 *         public Map<String, Object> snapshot() { return rooms.summary(); }
 *     });
 *     return new ChatHandler(rooms, context.clock());
 * }
 * }</pre>
 */
public interface ServiceContext {

    /** @return the service's name: its key under {@code services:} in the configuration */
    String serviceName();

    /** @return the service's own settings */
    Settings settings();

    /**
     * @return the clock protocols should read the time from (the system clock in the daemon; tests may
     *     start a daemon with a fixed one)
     */
    Clock clock();

    /**
     * A fresh snapshot of the daemon and every service, with the {@link StatusSource}s that any client
     * may see: those of services without {@code allow} or {@code deny} rules. A protocol that shows
     * status to a client asks {@link #status(InetAddress)} instead.
     *
     * @return the status at the moment of the call
     */
    DaemonStatus status();

    /**
     * The status as one client may see it: each {@link StatusSource} only if the access rules
     * ({@code allow}, {@code deny}) of the service it belongs to would admit that client. A plugin-wide
     * source belongs to every service of its plugin. The service list is always whole.
     *
     * <pre>{@code
     * DaemonStatus status = context.status(connection.remoteAddress().getAddress());
     * }</pre>
     *
     * @param client the address of the client the status is shown to
     * @return the status at the moment of the call, with what that client may not see left out
     * @since 0.2.0
     */
    default DaemonStatus status(InetAddress client) {
        return status();
    }

    /**
     * Adds a status source for as long as this service runs (for state that lives in the handler,
     * such as a chat service's rooms). Plugin-wide sources can instead be {@code @Extension}s.
     *
     * @param source what to include in {@link #status()} under its name
     */
    void publish(StatusSource source);

    /**
     * Declares a file the protocol read while opening the service (a message of the day, a word list),
     * besides those named by {@link Settings#path}, which count already. On reload, a service whose
     * files changed (size, modification time or identity) is replaced, as if its settings had; a
     * directory's contents are not watched, since a protocol reads those as it serves.
     *
     * @param file the file, relative to the daemon's home directory or absolute
     * @since 0.2.0
     */
    default void input(java.nio.file.Path file) {
    }
}
