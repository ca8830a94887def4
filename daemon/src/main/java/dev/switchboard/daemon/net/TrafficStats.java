package dev.switchboard.daemon.net;

import dev.switchboard.api.Histogram;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** One service's counters, updated from many threads and read by status snapshots. */
public final class TrafficStats {

    final AtomicLong active = new AtomicLong();
    final LongAdder total = new LongAdder();
    final LongAdder failures = new LongAdder();
    /** Set by the watchdog on every tick. */
    final AtomicLong stuck = new AtomicLong();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    private final LongAdder[] refusedBy = new LongAdder[Refusal.values().length];
    private final ConnectionDurations durations = new ConnectionDurations();

    public TrafficStats() {
        for (int i = 0; i < refusedBy.length; i++) {
            refusedBy[i] = new LongAdder();
        }
    }

    /** Counts a client turned away. */
    void refused(Refusal why) {
        refusedBy[why.ordinal()].increment();
    }

    /** Counts a connection that has ended after {@code nanos}. */
    void ended(long nanos) {
        durations.observe(nanos);
    }

    /** Counts a datagram received and admitted. */
    public void datagramIn(int bytes) {
        total.increment();
        bytesIn.add(bytes);
    }

    /** Counts an answer sent. */
    public void datagramOut(int bytes) {
        bytesOut.add(bytes);
    }

    /** Counts a datagram dropped by the access lists, the reflection guard or a rate limit. */
    /** A datagram the handler failed on. */
    public void datagramFailed() {
        failures.increment();
    }

    public void datagramRefused() {
        refused(Refusal.OTHER);
    }

    /** @return clients refused since the service started, by {@link Refusal#label()}, in the enum's order */
    public Map<String, Long> refusedByReason() {
        Map<String, Long> result = new LinkedHashMap<>();
        for (Refusal r : Refusal.values()) {
            result.put(r.label(), refusedBy[r.ordinal()].sum());
        }
        return result;
    }

    /** @return how long the connections that have ended lasted, in seconds */
    public Histogram durations() {
        return durations.snapshot();
    }

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
        long sum = 0;
        for (LongAdder reason : refusedBy) {
            sum += reason.sum();
        }
        return sum;
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
