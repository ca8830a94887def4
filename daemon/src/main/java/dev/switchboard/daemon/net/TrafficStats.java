package dev.switchboard.daemon.net;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** One service's counters, updated from many threads and read by status snapshots. */
public final class TrafficStats {

    final AtomicLong active = new AtomicLong();
    final LongAdder total = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder failures = new LongAdder();
    /** Set by the watchdog on every tick. */
    final AtomicLong stuck = new AtomicLong();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();

    /** @return clients connected now */
    public long active() {
        return active.get();
    }

    /** @return clients admitted so far */
    public long total() {
        return total.sum();
    }

    /** @return clients refused so far */
    public long rejected() {
        return rejected.sum();
    }

    /** @return clients whose handler threw */
    public long failures() {
        return failures.sum();
    }

    /** @return handlers still running well after their client closed */
    public long stuck() {
        return stuck.get();
    }

    /** @return bytes received */
    public long bytesIn() {
        return bytesIn.sum();
    }

    /** @return bytes sent */
    public long bytesOut() {
        return bytesOut.sum();
    }
}
