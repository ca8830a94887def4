package dev.switchboard.daemon.service;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call into plugin code from the daemon's start, reload or stop ({@code open}, {@code drain},
 * {@code close}), run on a thread of its own so that the daemon waits for it only until a deadline. Past
 * the deadline the call is abandoned: the log names the service, the plugin, the call and the stack it
 * was stuck in, its thread is interrupted (a daemon thread, so it cannot keep the JVM alive), and the
 * daemon goes on. Made by {@link PluginCalls}.
 *
 * <pre>{@code
 * PluginCall<Void, RuntimeException> drain = calls.start("echo", "plugin 'echo' 0.1.0", "drain", () -> {
 *     handler.drain();
 *     return null;
 * }, null);
 * drain.awaitQuietly(System.nanoTime() + calls.timeout().toNanos());
 * }</pre>
 *
 * @param <T> what the call returns
 * @param <E> the checked exception it may throw
 */
public final class PluginCall<T, E extends Exception> {

    private static final Logger log = LoggerFactory.getLogger(PluginCall.class);
    /** Enough of the stuck thread's stack to see where in the plugin it is. */
    private static final int STACK_FRAMES = 25;

    /** The body of the call: plugin code. */
    @FunctionalInterface
    public interface Body<T, E extends Exception> {
        T call() throws E;
    }

    /** The call did not return in time, or was given up because the daemon is stopping. */
    public static final class Overdue extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean stopping;

        Overdue(String message, boolean stopping) {
            super(message, null, false, false);
            this.stopping = stopping;
        }

        /** @return true when it was given up for a stop rather than for overrunning its deadline */
        public boolean stopping() {
            return stopping;
        }
    }

    private final String service;
    private final String plugin;
    private final String call;
    private final Duration timeout;
    private final Runnable onFailure;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final Thread thread;

    PluginCall(String service, String plugin, String call, Duration timeout, Body<T, E> body, Consumer<T> late,
               Runnable onFailure) {
        this.service = service;
        this.plugin = plugin;
        this.call = call;
        this.timeout = timeout;
        this.onFailure = onFailure;
        this.thread = new Thread(() -> run(body, late), "switchboard-plugin " + service + " " + call);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Body<T, E> body, Consumer<T> late) {
        T value;
        try {
            value = body.call();
        } catch (Throwable e) {
            if (!result.completeExceptionally(e)) {
                log.warn("{}: {} {}() failed after the daemon had given up on it: {}", service, plugin, call,
                        e.toString());
            }
            return;
        }
        if (!result.complete(value) && late != null && value != null) {
            try {
                late.accept(value);
            } catch (RuntimeException | LinkageError e) {
                log.warn("{}: cleaning up after {} {}() returned late failed: {}", service, plugin, call, e.toString());
            }
        }
    }

    /**
     * Waits for the call until the deadline, or until {@code abort} completes.
     *
     * @param deadlineNanos a {@link System#nanoTime()} value; a deadline already past still lets a call that
     *     has returned count
     * @param abort completed when the daemon stops, or null: a call that has not returned by then is abandoned
     * @return what the call returned
     * @throws Overdue when it did not return in time: logged, counted and abandoned already
     * @throws E what the call threw; a runtime exception or error it threw is thrown as it is, and counted
     */
    @SuppressWarnings("unchecked")
    public T await(long deadlineNanos, CompletableFuture<?> abort) throws Overdue, E {
        try {
            CompletableFuture<?> first = abort == null ? result : CompletableFuture.anyOf(result, abort);
            first.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | CancellationException | ExecutionException e) {
            // looked at below: the result says which
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean stopping = abort != null && abort.isDone() && System.nanoTime() < deadlineNanos;
        String why = stopping ? "given up because the daemon is stopping"
                : "did not return within " + text(timeout) + " (daemon.plugin-timeout)";
        Overdue overdue = new Overdue(plugin + " " + call + "(): " + why, stopping);
        if (result.completeExceptionally(overdue)) {
            abandon(why, !stopping);
            throw overdue;
        }
        try {
            return result.join();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Overdue o) {
                throw o;
            }
            if (!(cause instanceof Exception) || cause instanceof RuntimeException) {
                onFailure.run();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw (E) cause;
        }
    }

    /**
     * Like {@link #await} without an abort, for calls whose outcome the daemon only logs ({@code drain},
     * {@code close}): what the call threw is logged as the plugin's bug.
     *
     * @return whether the call returned normally in time
     */
    public boolean awaitQuietly(long deadlineNanos) {
        try {
            await(deadlineNanos, null);
            return true;
        } catch (Overdue e) {
            return false;
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
            log.warn("{}: {} failed in {}() (a bug in the plugin: report it to its author): {}", service, plugin, call,
                    e.toString());
            return false;
        }
    }

    private void abandon(String why, boolean overran) {
        if (overran) {
            onFailure.run(); // giving up because of a stop is not the plugin's failure
        }
        StackTraceElement[] stack = thread.getStackTrace();
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < Math.min(stack.length, STACK_FRAMES); i++) {
            where.append("\n\tat ").append(stack[i]);
        }
        if (stack.length > STACK_FRAMES) {
            where.append("\n\t... ").append(stack.length - STACK_FRAMES).append(" more");
        }
        thread.interrupt();
        String message = service + ": " + plugin + " " + call + "(): " + why + "; the daemon goes on without it and "
                + "interrupted its thread '" + thread.getName() + "', which was at:" + where;
        if (overran) {
            log.warn(message);
        } else {
            log.info(message);
        }
    }

    private static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
