package dev.switchboard.api;

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
     * A fresh snapshot of the daemon and every service, with every {@link StatusSource}'s
     * contribution: what a dashboard or metrics endpoint shows.
     *
     * @return the status at the moment of the call
     */
    DaemonStatus status();

    /**
     * Adds a status source for as long as this service runs (for state that lives in the handler,
     * such as a chat service's rooms). Plugin-wide sources can instead be {@code @Extension}s.
     *
     * @param source what to include in {@link #status()} under its name
     */
    void publish(StatusSource source);
}
