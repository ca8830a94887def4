package dev.switchboard.daemon.net;

import dev.switchboard.api.Histogram;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** How long a service's connections lasted, counted into fixed buckets from 10 ms to an hour. */
final class ConnectionDurations {

    private static final double[] BOUNDS = {0.01, 0.1, 1, 10, 60, 600, 3600};

    private final LongAdder[] buckets = new LongAdder[BOUNDS.length];
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    ConnectionDurations() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    void observe(long nanos) {
        double seconds = nanos / 1e9;
        for (int i = 0; i < BOUNDS.length; i++) {
            if (seconds <= BOUNDS[i]) {
                buckets[i].increment();
                break;
            }
        }
        count.increment();
        sum.add(seconds);
    }

    Histogram snapshot() {
        List<Double> bounds = new ArrayList<>(BOUNDS.length);
        List<Long> cumulative = new ArrayList<>(BOUNDS.length);
        long running = 0;
        for (int i = 0; i < BOUNDS.length; i++) {
            running += buckets[i].sum();
            bounds.add(BOUNDS[i]);
            cumulative.add(running);
        }
        // Read the total last: a connection that ends meanwhile is never in a bucket but missing from it.
        return new Histogram(bounds, cumulative, Math.max(running, count.sum()), sum.sum());
    }
}
