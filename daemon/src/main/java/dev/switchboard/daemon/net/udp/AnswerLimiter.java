package dev.switchboard.daemon.net.udp;

import dev.switchboard.daemon.config.DatagramLimits;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Token buckets for a UDP service's amplifying answers: one per source (an IPv4 address, or an IPv6
 * /64, which one host usually owns whole) and one for all sources together. Each refills at its
 * per-second rate up to one second's worth. Only the service's datagram thread calls it.
 *
 * <p>Memory is bounded however many sources a flood forges: past {@link #MAX_SOURCES} buckets, full
 * (idle) ones are dropped, and if none is idle the newcomers share one bucket.
 */
final class AnswerLimiter {

    static final int MAX_SOURCES = 4096;

    /** Why an answer was withheld. */
    enum Outcome { SENT, SOURCE_LIMIT, TOTAL_LIMIT }

    private final DatagramLimits limits;
    private final Map<Key, Bucket> sources = new HashMap<>();
    private final Bucket overflow;
    private final Bucket total;

    AnswerLimiter(DatagramLimits limits, long nowNanos) {
        this.limits = limits;
        this.overflow = new Bucket(limits.perSourcePerSecond(), nowNanos);
        this.total = new Bucket(limits.perSecond(), nowNanos);
    }

    Outcome take(InetAddress source, long nowNanos) {
        Bucket bucket = sources.get(Key.of(source));
        if (bucket == null) {
            if (sources.size() >= MAX_SOURCES) {
                sources.values().removeIf(b -> b.isFull(nowNanos));
            }
            bucket = sources.size() < MAX_SOURCES ? new Bucket(limits.perSourcePerSecond(), nowNanos) : overflow;
            if (bucket != overflow) {
                sources.put(Key.of(source), bucket);
            }
        }
        if (!bucket.available(nowNanos)) {
            return Outcome.SOURCE_LIMIT;
        }
        if (!total.available(nowNanos)) {
            return Outcome.TOTAL_LIMIT;
        }
        bucket.spend();
        total.spend();
        return Outcome.SENT;
    }

    /** @return how many sources have a bucket now */
    int trackedSources() {
        return sources.size();
    }

    private record Key(byte[] prefix) {
        static Key of(InetAddress address) {
            byte[] bytes = address.getAddress();
            return new Key(address instanceof Inet4Address ? bytes : Arrays.copyOf(bytes, 8));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(prefix, k.prefix);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(prefix);
        }
    }

    private static final class Bucket {
        private final double perNano;
        private final double capacity;
        private double tokens;
        private long updated;

        Bucket(int perSecond, long nowNanos) {
            this.capacity = perSecond;
            this.perNano = perSecond / 1e9;
            this.tokens = perSecond;
            this.updated = nowNanos;
        }

        boolean available(long nowNanos) {
            tokens = Math.min(capacity, tokens + (nowNanos - updated) * perNano);
            updated = nowNanos;
            return tokens >= 1;
        }

        void spend() {
            tokens -= 1;
        }

        boolean isFull(long nowNanos) {
            return available(nowNanos) && tokens >= capacity;
        }
    }
}
