package dev.switchboard.daemon.background;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The services' background work on Java 17, where there are no virtual threads: a few platform threads
 * (as many as there are processors) taking tasks from one queue. A chat's writer tasks are the model:
 * under load a worker finds each client's outbox holding many lines and sends them with one write, as
 * an event loop would, where a thread per task would cost a wake-up and a context switch per line. A
 * worker stuck in a write to a client that stopped reading would hold up the rest, so when every worker
 * has been in its task for longer than {@link #STUCK_NANOS} and work is waiting, one more worker is
 * started (up to {@link #MAX_WORKERS}); the extra ones end after {@link #IDLE_SECONDS} without work.
 * Tasks must not throw (the {@link ServiceWork} wrapping them sees to that). Thread-safe.
 */
final class ElasticPool implements Executor, AutoCloseable {

    static final long STUCK_NANOS = 10_000_000L;
    static final int MAX_WORKERS = 256;
    static final int IDLE_SECONDS = 5;

    private final int core;
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    /** When each worker slot began its current task, 0 when it is waiting, -1 when the slot is free. */
    private final AtomicLongArray busySince = new AtomicLongArray(MAX_WORKERS);
    private final AtomicInteger workers = new AtomicInteger();
    private final AtomicInteger idle = new AtomicInteger();
    private final AtomicInteger named = new AtomicInteger();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    ElasticPool(int core) {
        this.core = Math.max(1, Math.min(core, MAX_WORKERS));
        for (int i = 0; i < MAX_WORKERS; i++) {
            busySince.set(i, -1);
        }
    }

    /** Never blocks; rejects only once closed. */
    @Override
    public void execute(Runnable task) {
        if (closed) {
            throw new RejectedExecutionException("the daemon is stopping");
        }
        tasks.add(task);
        if (idle.get() > 0) {
            return; // a waiting worker takes it
        }
        int running = workers.get();
        if (running < core || allStuck(running)) {
            startWorker();
        }
    }

    private boolean allStuck(int running) {
        long now = System.nanoTime();
        int stuck = 0;
        for (int i = 0; i < MAX_WORKERS && stuck < running; i++) {
            long since = busySince.get(i);
            if (since > 0 && now - since > STUCK_NANOS) {
                stuck++;
            } else if (since == 0) {
                return false; // one is about to take work
            }
        }
        return stuck >= running;
    }

    private void startWorker() {
        int slot = -1;
        for (int i = 0; i < MAX_WORKERS; i++) {
            if (busySince.get(i) == -1 && busySince.compareAndSet(i, -1, 0)) {
                slot = i;
                break;
            }
        }
        if (slot < 0) {
            return; // at the limit: the queue waits for a worker to come free
        }
        workers.incrementAndGet();
        int mine = slot;
        Thread thread = new Thread(() -> work(mine), "switchboard-background-" + named.incrementAndGet());
        thread.setDaemon(true);
        threads.add(thread);
        if (closed) {
            threads.remove(thread);
            workers.decrementAndGet();
            busySince.set(mine, -1);
            return;
        }
        thread.start();
    }

    private void work(int slot) {
        try {
            while (true) {
                Runnable task;
                idle.incrementAndGet();
                try {
                    task = tasks.poll(IDLE_SECONDS, TimeUnit.SECONDS);
                } finally {
                    idle.decrementAndGet();
                }
                if (task == null) {
                    if (retire()) {
                        return;
                    }
                    continue;
                }
                busySince.set(slot, System.nanoTime());
                try {
                    task.run();
                } finally {
                    busySince.set(slot, 0);
                }
            }
        } catch (InterruptedException e) {
            // closed: the daemon is stopping
            workers.decrementAndGet();
        } finally {
            busySince.set(slot, -1);
            threads.remove(Thread.currentThread());
        }
    }

    /** Ends the workers (the daemon is stopping): waiting ones at once, busy ones when interrupted. */
    @Override
    public void close() {
        closed = true;
        threads.forEach(Thread::interrupt);
        tasks.clear();
    }

    /** @return true if this idle worker may end: there are more than {@code core} */
    private boolean retire() {
        while (true) {
            int running = workers.get();
            if (running <= core) {
                return false;
            }
            if (workers.compareAndSet(running, running - 1)) {
                return true;
            }
        }
    }
}
