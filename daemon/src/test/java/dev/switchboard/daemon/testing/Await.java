package dev.switchboard.daemon.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition the daemon reaches on another thread, with a deadline instead of a guess. */
public final class Await {

    private Await() {
    }

    /**
     * @param what the condition, for the failure message
     * @param state shown in the failure message
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<?> state) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out after " + timeout.toMillis() + " ms waiting until " + what + "; state: " + state.get());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting until " + what);
            }
        }
    }
}
