package dev.switchboard.api;

import java.io.IOException;

/**
 * Serves the clients of one service.
 *
 * <p>Threading contract: the daemon calls {@link #serve} on its shared executor (a virtual thread where
 * the JVM has them), once per accepted client and concurrently for many clients, so blocking I/O is the
 * natural style and any state shared between clients must be thread-safe. {@link #drain()} and
 * {@link #close()} are called once each, from the daemon's lifecycle thread.
 *
 * <p>When {@code serve} returns or throws, the daemon flushes and closes the connection. An exception
 * closes only that client: it is logged with the service's name and never reaches other clients.
 *
 * <pre>{@code
 * Handler upperCase = client -> {
 *     LineReader lines = client.lines(1024);
 *     for (Optional<String> line; (line = lines.readLine()).isPresent(); ) {
 *         client.output().write((line.get().toUpperCase() + "\r\n").getBytes(UTF_8));
 *         client.output().flush();
 *     }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface Handler extends AutoCloseable {

    /**
     * Serves one client until the conversation is over. Return (or throw) to have the connection closed.
     *
     * @param client the accepted, admitted client
     * @throws IOException when the client's connection fails; logged at DEBUG, the client is closed
     */
    void serve(Connection client) throws IOException;

    /**
     * The daemon is shutting down or this service is being removed: tell connected clients if the
     * protocol has a way to, and let in-flight work finish quickly. New clients no longer arrive.
     * Connections still open after the daemon's {@code shutdown-grace} are closed for you. Return
     * promptly: the daemon waits at most {@code daemon.plugin-timeout} (10 s by default), then logs where
     * this method was stuck, interrupts it and goes on.
     */
    default void drain() {
    }

    /**
     * The service has stopped and every client is gone: release what {@code open} acquired. Like
     * {@link #drain()}, it is waited for at most {@code daemon.plugin-timeout}.
     */
    @Override
    default void close() {
    }
}
