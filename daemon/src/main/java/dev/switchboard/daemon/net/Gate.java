package dev.switchboard.daemon.net;

import dev.switchboard.daemon.config.AccessPolicy;
import dev.switchboard.daemon.config.Cidr;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides, before any handler sees it, whether a new client of one service may in: access lists first
 * (deny wins), then the per-address connect rate, the service's handler quota, the per-address limit
 * and the daemon's connection limit. Cheap and non-blocking: it runs on the acceptor thread. The two
 * per-address limits count a client as its {@link CountedSource}: an IPv6 client by its prefix.
 *
 * <p>Two things are held for an admitted client and given back at different times: its connection (the
 * per-address and daemon-wide counts) when the connection closes, and its place in the service's
 * quota of {@code max-connections} handlers only when its handler returns. So a plugin whose handlers
 * ignore the closing of their clients uses up its own service's quota, never the daemon's.
 */
final class Gate {

    private final AccessPolicy policy;
    private final ConnectionBudget budget;
    private final Map<Cidr, Integer> perAddress = new HashMap<>();
    private final Map<Cidr, TokenBucket> rates = new HashMap<>();
    private int handlers;
    private int connected;

    Gate(AccessPolicy policy, ConnectionBudget budget) {
        this.policy = policy;
        this.budget = budget;
    }

    /** @return what counts against the per-address limits for a client from this address */
    CountedSource source(InetAddress address) {
        return CountedSource.of(address, policy.ipv6Prefix());
    }

    synchronized Verdict admit(CountedSource source, long nowNanos) {
        if (!policy.permits(source.address())) {
            return Verdict.deny("address not allowed by the service's allow/deny lists");
        }
        int rate = policy.maxConnectsPerSecondPerIp();
        if (rate > 0 && !rates.computeIfAbsent(source.counted(), a -> new TokenBucket(rate, nowNanos)).take(nowNanos)) {
            return Verdict.rate("more than " + rate + " connects per second from " + what(source));
        }
        if (handlers >= policy.maxConnections()) {
            int lingering = handlers - connected;
            return Verdict.busy("service connection limit (" + policy.maxConnections() + ") reached"
                    + (lingering > 0 ? ": " + lingering + " of its handlers are still running after their clients "
                    + "closed (the protocol plugin may be stuck)" : ""));
        }
        int fromAddress = perAddress.getOrDefault(source.counted(), 0);
        if (fromAddress >= policy.maxConnectionsPerIp()) {
            return Verdict.busy("per-address connection limit (" + policy.maxConnectionsPerIp() + ") reached by "
                    + what(source));
        }
        if (!budget.tryAcquire()) {
            return Verdict.busy("daemon connection limit (" + budget.max() + ") reached");
        }
        handlers++;
        connected++;
        perAddress.put(source.counted(), fromAddress + 1);
        return Verdict.ADMIT;
    }

    /** An admitted client's connection closed: gives back its per-address and daemon-wide counts. */
    synchronized void closed(CountedSource source) {
        connected--;
        budget.release();
        perAddress.computeIfPresent(source.counted(), (a, n) -> n > 1 ? n - 1 : null);
    }

    /** @return {@code this address} for IPv4, {@code 2001:db8:1:2::/64} when a prefix is counted */
    private static String what(CountedSource source) {
        return source.grouped() ? source.counted().toString() : "this address";
    }

    /** An admitted client's handler returned (or never started): gives back its place in the quota. */
    synchronized void handlerReturned() {
        handlers--;
    }

    /** Forgets rate state of addresses that have been quiet long enough to have a full bucket again. */
    synchronized void sweep(long nowNanos) {
        rates.values().removeIf(bucket -> bucket.isFull(nowNanos));
    }

    /** A token bucket holding one second's worth of connects. */
    private static final class TokenBucket {
        private final int perSecond;
        private double tokens;
        private long lastNanos;

        TokenBucket(int perSecond, long nowNanos) {
            this.perSecond = perSecond;
            this.tokens = perSecond;
            this.lastNanos = nowNanos;
        }

        boolean take(long nowNanos) {
            refill(nowNanos);
            if (tokens < 1) {
                return false;
            }
            tokens--;
            return true;
        }

        boolean isFull(long nowNanos) {
            refill(nowNanos);
            return tokens >= perSecond;
        }

        private void refill(long nowNanos) {
            tokens = Math.min(perSecond, tokens + (nowNanos - lastNanos) * perSecond / 1e9);
            lastNanos = nowNanos;
        }
    }
}
