package dev.switchboard.api;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.function.Supplier;

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

    /**
     * Where the service's background work runs (a writer task per client, a cache refresh), on the
     * daemon's threads instead of threads of the plugin's own: a virtual thread per task where the JVM
     * has them, else a few shared platform threads that grow when all are stuck. When the service goes
     * away (a reload replaced it, the daemon stops) its tasks still running are interrupted and new
     * ones are refused. A task that throws is logged with the service's name. {@code execute} never
     * blocks. Callable from any thread; {@code open} may start work here too. When a service is opened
     * only to be checked ({@code switchboard check}, a reload validating its configuration), its tasks
     * are accepted and never run.
     *
     * <pre>{@code
     * context.executor().execute(outbox::drain);
     * }</pre>
     *
     * @return the service's executor
     * @throws java.util.concurrent.RejectedExecutionException from {@code execute} once the service is gone
     * @since 0.2.0
     */
    default Executor executor() {
        throw new UnsupportedOperationException("this context runs no background work");
    }

    /**
     * Runs {@code task} once, {@code delay} from now, on {@link #executor()}; cancelled when the service
     * goes away.
     *
     * <pre>{@code
     * context.schedule(connection::close, Duration.ofSeconds(2));   // a last line's grace period
     * }</pre>
     *
     * @return a handle whose {@code cancel} stops the task if it has not started
     * @throws java.util.concurrent.RejectedExecutionException once the service is gone
     * @since 0.2.0
     */
    default Future<?> schedule(Runnable task, Duration delay) {
        throw new UnsupportedOperationException("this context runs no background work");
    }

    /**
     * Runs {@code task} every {@code period} on {@link #executor()}, the first time one period from
     * now, until cancelled or the service goes away. A run that takes longer delays the next instead
     * of overlapping it; one that throws is logged and the series goes on.
     *
     * @return a handle whose {@code cancel} stops the runs to come
     * @throws java.util.concurrent.RejectedExecutionException once the service is gone
     * @since 0.2.0
     */
    default Future<?> every(Duration period, Runnable task) {
        throw new UnsupportedOperationException("this context runs no background work");
    }

    /**
     * The plugin's one object of {@code type}, shared by every service of the plugin and kept across
     * reloads: made by {@code create} the first time any of them asks, and returned to every later
     * {@code open} while the plugin's file stays the same, so a service replaced because one of its
     * settings changed keeps its data (a table, a cache, a counter). It is let go only when the plugin
     * is unloaded: removed, or upgraded (its JAR replaced). On an upgrade the new version starts with
     * a fresh object, made by its own classes; the old one is closed once the old version's last
     * client has gone, so data meant to outlive an upgrade belongs in a file. If the object is
     * {@link AutoCloseable}, the daemon closes it then.
     *
     * <p>Several services, and their clients, may use the object at once: make it thread-safe.
     * {@code create} runs once, under a lock; it must not call this method itself. When a service is
     * opened only to be checked, the object lives only as long as that check.
     *
     * <pre>{@code
     * Scores scores = context.pluginState(Scores.class, Scores::new);   // a ConcurrentHashMap inside
     * }</pre>
     *
     * @param type the object's class, which names it: one object per class and plugin
     * @param create makes it, the first time
     * @param <T> its type
     * @return the plugin's object of that type
     * @since 0.2.0
     */
    default <T> T pluginState(Class<T> type, Supplier<? extends T> create) {
        // A context without a plugin behind it (a test's own) keeps nothing: each open gets a new one.
        return type.cast(create.get());
    }
}
