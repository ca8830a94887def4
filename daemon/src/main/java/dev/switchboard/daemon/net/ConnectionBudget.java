package dev.switchboard.daemon.net;

import java.util.concurrent.atomic.AtomicInteger;

/** The daemon-wide {@code max-connections}, shared by every service's gate. */
public final class ConnectionBudget {

    private final int max;
    private final AtomicInteger used = new AtomicInteger();

    public ConnectionBudget(int max) {
        this.max = max;
    }

    boolean tryAcquire() {
        int n;
        do {
            n = used.get();
            if (n >= max) {
                return false;
            }
        } while (!used.compareAndSet(n, n + 1));
        return true;
    }

    void release() {
        used.decrementAndGet();
    }

    int max() {
        return max;
    }

    /** @return connections held across all services */
    public int used() {
        return used.get();
    }
}
