package dev.switchboard.daemon.net;

import dev.switchboard.daemon.config.ThreadMode;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place that creates the executor shared by all services' clients: virtual threads where the
 * JVM has them (reached by reflection, as the code is compiled for Java 17), otherwise a bounded pool of
 * platform threads that shrinks when idle.
 *
 * <p>The automatic platform pool has a thread for every handler the services' quotas allow (the sum of
 * their {@code max-connections}), so a service whose handlers are all stuck holds only its own share
 * and every other service still finds threads. An explicit {@code platform:N} is the user's choice;
 * the daemon warns when one service could take half of it.
 */
public final class ClientExecutors {

    /**
     * @param executor runs client handlers
     * @param mode what it is, for the log and status: {@code virtual} or {@code platform:N}
     */
    public record ClientExecutor(ExecutorService executor, String mode) {

        /**
         * Grows an automatic platform pool to hold {@code handlerSlots} handlers (after a reload added
         * services or raised their limits); virtual threads and explicit pools are left as they are.
         *
         * @return the pool's new maximum, or empty when nothing changed
         */
        public Optional<Integer> growTo(int handlerSlots) {
            if (executor instanceof ThreadPoolExecutor pool && pool.getQueue() instanceof SynchronousQueue) {
                int wanted = handlerSlots + SLACK;
                if (wanted > pool.getMaximumPoolSize()) {
                    pool.setMaximumPoolSize(wanted);
                    return Optional.of(wanted);
                }
            }
            return Optional.empty();
        }
    }

    /** Threads beyond the quotas: a handler that just returned gives back its quota before its thread is idle. */
    private static final int SLACK = 64;

    /** {@code Thread.isVirtual()}, reached by reflection; empty before Java 21. */
    private static final Optional<Method> IS_VIRTUAL = java21Method(Thread.class, "isVirtual");

    private ClientExecutors() {
    }

    /**
     * @param mode the configured mode
     * @param handlerSlots the sum of the services' {@code max-connections}: how many handlers their
     *     quotas allow at once, which sizes the pool for {@code auto} without virtual threads
     * @return the executor
     * @throws IllegalStateException when {@code virtual} is asked for and the JVM has none
     */
    public static ClientExecutor create(ThreadMode mode, int handlerSlots) {
        Optional<ExecutorService> virtual = mode.kind() == ThreadMode.Kind.PLATFORM ? Optional.empty() : virtual();
        if (virtual.isPresent()) {
            return new ClientExecutor(virtual.get(), "virtual");
        }
        if (mode.kind() == ThreadMode.Kind.VIRTUAL) {
            throw new IllegalStateException("threads: virtual needs Java 21 or later; this is Java "
                    + Runtime.version().feature());
        }
        if (mode.kind() == ThreadMode.Kind.PLATFORM) {
            return new ClientExecutor(fixedPool(mode.threads()), "platform:" + mode.threads());
        }
        int threads = handlerSlots + SLACK;
        return new ClientExecutor(cachedPool(threads), "platform:" + threads);
    }

    /** @return whether this JVM has virtual threads */
    public static boolean hasVirtualThreads() {
        return virtualFactory().isPresent();
    }

    /** @return whether {@code thread} is a virtual thread (never, before Java 21) */
    static boolean isVirtual(Thread thread) {
        if (IS_VIRTUAL.isEmpty()) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.get().invoke(thread);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** @return an executor that starts a virtual thread per task, where the JVM has them (Java 21+) */
    public static Optional<ExecutorService> virtual() {
        return virtualFactory().map(m -> {
            try {
                return (ExecutorService) m.invoke(null);
            } catch (ReflectiveOperationException e) {
                return null;
            }
        });
    }

    private static Optional<Method> virtualFactory() {
        return java21Method(java.util.concurrent.Executors.class, "newVirtualThreadPerTaskExecutor");
    }

    /** @return a public no-argument method that exists from Java 21 on (19 and 20 have it only as a preview) */
    private static Optional<Method> java21Method(Class<?> type, String name) {
        if (Runtime.version().feature() < 21) {
            return Optional.empty();
        }
        try {
            return Optional.of(type.getMethod(name));
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }

    /** At most {@code threads} threads; clients beyond that wait in a queue for a free thread. */
    private static ExecutorService fixedPool(int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threadFactory());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Reuses idle threads, starts one when none is idle, up to {@code threads}; idle ones end after 30 s. */
    private static ExecutorService cachedPool(int threads) {
        return new ThreadPoolExecutor(0, threads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), threadFactory());
    }

    private static ThreadFactory threadFactory() {
        AtomicInteger counter = new AtomicInteger();
        return r -> {
            // Small stacks: a Pi has little memory and handlers rarely recurse deeply.
            Thread t = new Thread(null, r, "client-" + counter.incrementAndGet(), 512 * 1024);
            t.setDaemon(true);
            return t;
        };
    }
}
