package dev.switchboard.plugins.chat.session;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;

/**
 * After each line, a client faster than its rooms' writers (they wait for a processor, not for their
 * clients) waits here, holding no lock, until each busy receiver has caught up to a quarter full, for
 * at most {@link #PACE_NANOS} in all: without this a burst of lines or of logins could overflow
 * healthy clients' queues. Writers stuck on a socket are never waited for; their clients are cut off
 * when their queues fill. The same for telnet and IRC senders.
 */
public final class Pacing {

    /** The longest a sender waits for busy receivers' writers after one line. */
    private static final long PACE_NANOS = Duration.ofMillis(100).toNanos();

    private Pacing() {
    }

    /** Waits for the busy receivers of one line, as the class says. */
    public static void await(List<Outbox> busy) throws InterruptedIOException {
        if (busy.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + PACE_NANOS;
        try {
            for (Outbox outbox : busy) {
                outbox.awaitBacklogBelow(outbox.capacity() / 4, deadline - System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while pacing");
        }
    }
}
