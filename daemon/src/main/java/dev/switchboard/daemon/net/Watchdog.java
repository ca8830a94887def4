package dev.switchboard.daemon.net;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that, a few times a second, closes connections idle past their timeout (in either
 * direction, so a client that stops reading is caught too) and reports handlers that have not returned
 * long after their client was closed.
 */
public final class Watchdog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
    private static final long TICK_MILLIS = 250;
    private static final long STUCK_NANOS = 10_000_000_000L;

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
                List<String> stuck = new ArrayList<>();
                listener.watch(now, STUCK_NANOS, stuck);
                for (String client : stuck) {
                    log.warn("{}: handler still running 10 s after its client was closed; interrupted it and "
                            + "stopped counting it (the protocol plugin may be stuck in a loop: report it)", client);
                }
            }
        } catch (RuntimeException e) {
            log.error("watchdog tick failed", e); // keep ticking: a dead watchdog would leak idle clients
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
