package dev.switchboard.daemon.service;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The daemon's deadline for calls into plugins ({@code daemon.plugin-timeout}), what makes an {@code open}
 * in progress give up when the daemon stops, and how many plugin calls failed per service: threw, or
 * overran the deadline. The counts are kept by service name, so they survive a reload that replaces
 * the service, or one that was refused because the new one's {@code open} failed.
 *
 * <pre>{@code
 * PluginCalls calls = new PluginCalls(Duration.ofSeconds(10), new CompletableFuture<>());
 * Handler handler = calls.open("echo", "plugin 'echo' 0.1.0", () -> protocol.open(context), Handler::close);
 * }</pre>
 */
public final class PluginCalls {

    private final CompletableFuture<?> stopping;
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private volatile Duration timeout;

    /**
     * @param timeout how long one call may take
     * @param stopping completed when the daemon is asked to stop: an {@code open} still running is then
     *     given up, so a stop need not wait for it
     */
    public PluginCalls(Duration timeout, CompletableFuture<?> stopping) {
        this.stopping = Objects.requireNonNull(stopping, "stopping");
        timeout(timeout);
    }

    /** @param timeout the deadline of calls started from now on (a reload may change it) */
    public void timeout(Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("plugin timeout must be longer than zero: " + timeout);
        }
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    /** @return a deadline of one timeout from now, as a {@link System#nanoTime()} value */
    public long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    /**
     * Opens through plugin code under the deadline; gives up early when the daemon is asked to stop.
     *
     * @param late what to do with a result that comes after the daemon gave up (close it)
     * @throws PluginCall.Overdue when it did not return in time: already logged and counted
     */
    public <T, E extends Exception> T open(String service, String plugin, PluginCall.Body<T, E> body,
                                           Consumer<T> late) throws PluginCall.Overdue, E {
        long deadline = deadline();
        return start(service, plugin, "open", body, late).await(deadline, stopping);
    }

    /** Starts a call; the caller waits for it with {@link PluginCall#await} or {@link PluginCall#awaitQuietly}. */
    public <T, E extends Exception> PluginCall<T, E> start(String service, String plugin, String call,
                                                           PluginCall.Body<T, E> body, Consumer<T> late) {
        LongAdder count = failures.computeIfAbsent(service, s -> new LongAdder());
        return new PluginCall<>(service, plugin, call, timeout, body, late, count::increment);
    }

    /** Runs a call whose outcome is only logged ({@code drain}, {@code close}), waiting at most the timeout. */
    public boolean runQuietly(String service, String plugin, String call, Runnable body) {
        long deadline = deadline();
        return start(service, plugin, call, () -> {
            body.run();
            return null;
        }, null).awaitQuietly(deadline);
    }

    /** @return calls into the service's plugin that threw or overran the deadline, since the daemon started */
    public long failures(String service) {
        LongAdder count = failures.get(service);
        return count == null ? 0 : count.sum();
    }

    /** @return whether the daemon has been asked to stop */
    public boolean stopping() {
        return stopping.isDone();
    }
}
