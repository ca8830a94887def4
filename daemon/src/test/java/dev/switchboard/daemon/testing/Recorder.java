package dev.switchboard.daemon.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * What the test protocols' handlers went through, keyed by service name (the daemon makes the protocol
 * instances, so tests cannot hand them a callback). Each test uses its own service names.
 */
public final class Recorder {

    private static final Set<String> DRAINED = ConcurrentHashMap.newKeySet();
    private static volatile CountDownLatch release = new CountDownLatch(1);

    private Recorder() {
    }

    static void drained(String service) {
        DRAINED.add(service);
    }

    /** @return whether the handler of that service was told to drain */
    public static boolean wasDrained(String service) {
        return DRAINED.contains(service);
    }

    /** @return the latch stuck handlers wait on (ignoring interrupts) */
    static CountDownLatch release() {
        return release;
    }

    /** Lets every stuck handler return; later ones get stuck again. */
    public static void releaseStuckHandlers() {
        CountDownLatch old = release;
        release = new CountDownLatch(1);
        old.countDown();
    }
}
