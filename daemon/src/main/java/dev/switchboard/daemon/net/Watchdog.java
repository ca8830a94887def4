package dev.switchboard.daemon.net;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that, a few times a second, closes connections idle past their timeout (in either
 * direction, so a client that stops reading is caught too), finds handlers stuck long after their
 * client closed, and writes the services' rate-limited log summaries; and the daemon's other periodic
 * chores (see {@link #every}).
 */
public final class Watchdog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
    private static final long TICK_MILLIS = 250;
    /** A handler still running this long after its client closed counts as stuck. */
    static final long STUCK_NANOS = 5_000_000_000L;

    private final ScheduledExecutorService timer;

    /** @param listeners the listeners to watch, fetched on every tick */
    public Watchdog(Supplier<Collection<Listener>> listeners) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> tick(listeners), TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static void tick(Supplier<Collection<Listener>> listeners) {
        try {
            long now = System.nanoTime();
            for (Listener listener : listeners.get()) {
                listener.watch(now, STUCK_NANOS);
            }
        } catch (RuntimeException e) {
            log.error("watchdog tick failed", e); // keep ticking: a dead watchdog would leak idle clients
        }
    }

    /**
     * Runs a chore of the daemon's on the same thread, every {@code period}; one that throws is logged
     * and runs again next time.
     */
    public void every(Duration period, Runnable chore) {
        timer.scheduleAtFixedRate(() -> {
            try {
                chore.run();
            } catch (RuntimeException e) {
                log.error("periodic task failed", e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
