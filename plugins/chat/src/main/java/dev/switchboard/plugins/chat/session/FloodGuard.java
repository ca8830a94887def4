package dev.switchboard.plugins.chat.session;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One client's flood control: a token bucket of {@code burst} lines that refills by one line every
 * {@code interval}. The first line over the limit is dropped with a warning; a client that goes on to
 * send another {@code burst} lines while still throttled is to be disconnected. The warning is
 * forgiven once the bucket has refilled completely. A zero interval turns flood control off.
 */
public final class FloodGuard {

    /** What to do with a line. */
    public enum Verdict {
        /** Within the limit: handle it. */
        PASS,
        /** Over the limit for the first time: drop it and warn the client. */
        WARN,
        /** Over the limit again after a warning: drop it quietly. */
        DROP,
        /** Still flooding after the warning: disconnect. */
        DISCONNECT
    }

    private final int burst;
    private final long nanosPerLine;
    private final LongSupplier nanoTime;
    private double tokens;
    private long refilledAt;
    private boolean warned;
    private int strikes;

    public FloodGuard(int burst, Duration interval, LongSupplier nanoTime) {
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be positive: " + burst);
        }
        this.burst = burst;
        this.nanosPerLine = interval.toNanos();
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.refilledAt = nanoTime.getAsLong();
    }

    /** @return what to do with the line the client just sent */
    public Verdict admit() {
        if (nanosPerLine == 0) {
            return Verdict.PASS;
        }
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.PASS;
        }
        if (!warned) {
            warned = true;
            strikes = 0;
            return Verdict.WARN;
        }
        return ++strikes > burst ? Verdict.DISCONNECT : Verdict.DROP;
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (double) (now - refilledAt) / nanosPerLine);
        refilledAt = now;
        if (tokens >= burst) {
            warned = false;
        }
    }
}
