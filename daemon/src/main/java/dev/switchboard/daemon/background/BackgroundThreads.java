package dev.switchboard.daemon.background;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The daemon's threads for the services' background work, so that no plugin makes threads of its own:
 * a thread per task where the JVM has virtual threads, else an {@link ElasticPool}; and one timer
 * thread that only hands due tasks over to them. Each service reaches them through its
 * {@link ServiceWork}, which the daemon closes with the service.
 */
public final class BackgroundThreads implements AutoCloseable {

    private final Executor executor;
    private final AutoCloseable shutdown;
    private final ScheduledThreadPoolExecutor timer;

    private BackgroundThreads(Executor executor, AutoCloseable shutdown) {
        this.executor = executor;
        this.shutdown = shutdown;
        this.timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "switchboard-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true); // a cancelled far-off task frees its slot at once
    }

    /**
     * @param virtualThreads a virtual thread per task, where the JVM has them (empty on Java 17)
     * @return the daemon's background threads; no thread starts before the first task
     */
    public static BackgroundThreads create(Supplier<java.util.Optional<ExecutorService>> virtualThreads) {
        java.util.Optional<ExecutorService> virtual = virtualThreads.get();
        if (virtual.isPresent()) {
            ExecutorService v = virtual.get();
            return new BackgroundThreads(v, v::shutdownNow);
        }
        ElasticPool pool = new ElasticPool(Runtime.getRuntime().availableProcessors());
        return new BackgroundThreads(pool, pool);
    }

    /** @return a service's share: its tasks, cancelled and interrupted when it closes */
    public ServiceWork forService(String service) {
        return new ServiceWork(service, this);
    }

    void execute(Runnable task) {
        executor.execute(task);
    }

    ScheduledFuture<?> later(Runnable task, Duration delay) {
        return timer.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }

    /** Stops every background thread: the daemon is stopping, its services are closed. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            shutdown.close();
        } catch (Exception e) {
            // nothing is left to release
        }
    }
}
