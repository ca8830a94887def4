package dev.switchboard.daemon.net;

import dev.switchboard.daemon.config.AccessPolicy;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides, before any handler sees it, whether a new client of one service may in: access lists first
 * (deny wins), then the per-address connect rate, the daemon's and the service's connection limits,
 * and the per-address limit. Cheap and non-blocking: it runs on the acceptor thread.
 */
final class Gate {

    private final AccessPolicy policy;
    private final ConnectionBudget budget;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private final Map<InetAddress, TokenBucket> rates = new HashMap<>();
    private int active;

    Gate(AccessPolicy policy, ConnectionBudget budget) {
        this.policy = policy;
        this.budget = budget;
    }

    synchronized Verdict admit(InetAddress address, long nowNanos) {
        if (!policy.permits(address)) {
            return Verdict.deny("address not allowed by the service's allow/deny lists");
        }
        int rate = policy.maxConnectsPerSecondPerIp();
        if (rate > 0 && !rates.computeIfAbsent(address, a -> new TokenBucket(rate, nowNanos)).take(nowNanos)) {
            return Verdict.busy("more than " + rate + " connects per second from this address");
        }
        if (active >= policy.maxConnections()) {
            return Verdict.busy("service connection limit (" + policy.maxConnections() + ") reached");
        }
        int fromAddress = perAddress.getOrDefault(address, 0);
        if (fromAddress >= policy.maxConnectionsPerIp()) {
            return Verdict.busy("per-address connection limit (" + policy.maxConnectionsPerIp() + ") reached");
        }
        if (!budget.tryAcquire()) {
            return Verdict.busy("daemon connection limit (" + budget.max() + ") reached");
        }
        active++;
        perAddress.put(address, fromAddress + 1);
        return Verdict.ADMIT;
    }

    /** Gives back what an admitted client held. */
    synchronized void release(InetAddress address) {
        active--;
        budget.release();
        perAddress.computeIfPresent(address, (a, n) -> n > 1 ? n - 1 : null);
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
