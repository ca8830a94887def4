package dev.switchboard.daemon.testing;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the test protocols' handlers went through, keyed by service name (the daemon makes the protocol
 * instances, so tests cannot hand them a callback). Each test uses its own service names.
 */
public final class Recorder {

    private static final Set<String> DRAINED = ConcurrentHashMap.newKeySet();
    private static final Map<String, AtomicInteger> OPENS = new ConcurrentHashMap<>();
    private static volatile CountDownLatch release = new CountDownLatch(1);

    private Recorder() {
    }

    static void drained(String service) {
        DRAINED.add(service);
    }

    static void opened(String service) {
        OPENS.computeIfAbsent(service, s -> new AtomicInteger()).incrementAndGet();
    }

    /** @return how often a protocol that counts them was opened for that service */
    public static int opens(String service) {
        AtomicInteger n = OPENS.get(service);
        return n == null ? 0 : n.get();
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
