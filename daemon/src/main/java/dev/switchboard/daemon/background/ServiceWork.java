package dev.switchboard.daemon.background;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service's background work on the daemon's {@link BackgroundThreads}: what its protocol gets as
 * {@code ServiceContext.executor()}, {@code schedule} and {@code every}. Closing it (the service is
 * gone) cancels what is scheduled and interrupts what runs, and later tasks are refused, so a plugin's
 * background work cannot outlive its service. A task that throws is logged with the service's name and
 * harms nothing else. Thread-safe.
 */
public final class ServiceWork implements Executor, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceWork.class);

    private final String service;
    private final BackgroundThreads threads;
    private final Object lock = new Object();
    private final Set<Thread> running = new HashSet<>();
    private final Set<CompletableFuture<Void>> scheduled = ConcurrentHashMap.newKeySet();
    private boolean closed;

    ServiceWork(String service, BackgroundThreads threads) {
        this.service = service;
        this.threads = threads;
    }

    /**
     * @param service the service's name
     * @return work for a service opened only to be checked ({@code switchboard check}, a reload's
     *     validation): its protocol may schedule in {@code open} as it would to serve, but nothing runs
     */
    public static ServiceWork inert(String service) {
        return new ServiceWork(service, null);
    }

    /** Runs {@code task} soon on a daemon thread; never blocks. */
    @Override
    public void execute(Runnable task) {
        refuseIfClosed();
        if (threads != null) {
            threads.execute(() -> run(task));
        }
    }

    /**
     * @return a handle that cancels the task if it has not started
     */
    public Future<?> schedule(Runnable task, Duration delay) {
        refuseIfClosed();
        CompletableFuture<Void> handle = new CompletableFuture<>();
        at(delay, handle, () -> {
            try {
                task.run();
            } finally {
                handle.complete(null);
            }
        });
        return handle;
    }

    /**
     * Runs {@code task} every {@code period}, the first time one period from now; a run that takes
     * longer delays the next rather than overlapping it.
     *
     * @return a handle whose {@code cancel} stops the runs to come
     */
    public Future<?> every(Duration period, Runnable task) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the period must be longer than zero: " + period);
        }
        refuseIfClosed();
        CompletableFuture<Void> handle = new CompletableFuture<>();
        Runnable[] again = new Runnable[1];
        again[0] = () -> {
            try {
                task.run();
            } finally {
                at(period, handle, again[0]); // a run that failed (and was logged) does not end the series
            }
        };
        at(period, handle, again[0]);
        return handle;
    }

    /** Schedules one step of {@code handle}'s work, unless it or this service is done by then. */
    private void at(Duration delay, CompletableFuture<Void> handle, Runnable step) {
        synchronized (lock) {
            if (threads == null) {
                handle.cancel(false);
                return;
            }
            if (closed || handle.isDone()) {
                return;
            }
            scheduled.add(handle);
        }
        ScheduledFuture<?> timer = threads.later(() -> {
            if (!handle.isDone()) {
                try {
                    threads.execute(() -> {
                        if (!handle.isDone()) {
                            run(step);
                        }
                    });
                } catch (RejectedExecutionException stopping) {
                    handle.cancel(false);
                }
            }
        }, delay);
        handle.whenComplete((value, failure) -> {
            scheduled.remove(handle);
            timer.cancel(false);
        });
    }

    private void run(Runnable task) {
        Thread me = Thread.currentThread();
        synchronized (lock) {
            if (closed) {
                return;
            }
            running.add(me);
        }
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            log.warn("{}: a background task failed: {}", service, e.toString());
        } finally {
            synchronized (lock) {
                running.remove(me);
                Thread.interrupted(); // an interrupt meant for this task stays with it
            }
        }
    }

    private void refuseIfClosed() {
        synchronized (lock) {
            if (closed) {
                throw new RejectedExecutionException(service + ": the service is closed, so it runs no more background work");
            }
        }
    }

    /** Cancels what is scheduled, interrupts what runs, and refuses what comes. Safe to call twice. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            running.forEach(Thread::interrupt);
        }
        scheduled.forEach(handle -> handle.cancel(false));
    }
}
