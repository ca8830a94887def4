package dev.switchboard.plugins.chat.session;

import static dev.switchboard.plugins.chat.session.FloodGuard.Verdict.DISCONNECT;
import static dev.switchboard.plugins.chat.session.FloodGuard.Verdict.DROP;
import static dev.switchboard.plugins.chat.session.FloodGuard.Verdict.PASS;
import static dev.switchboard.plugins.chat.session.FloodGuard.Verdict.WARN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FloodGuardTest {

    private final AtomicLong now = new AtomicLong();
    private final FloodGuard guard = new FloodGuard(3, Duration.ofSeconds(1), now::get);

    @Test
    void allowsBurstThenWarnsThenDropsThenDisconnects() {
        for (int i = 0; i < 3; i++) {
            assertEquals(PASS, guard.admit());
        }
        assertEquals(WARN, guard.admit());
        for (int i = 0; i < 3; i++) {
            assertEquals(DROP, guard.admit());
        }
        assertEquals(DISCONNECT, guard.admit());
    }

    @Test
    void refillsOneLinePerInterval() {
        for (int i = 0; i < 3; i++) {
            guard.admit();
        }
        assertEquals(WARN, guard.admit());
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(PASS, guard.admit());
        assertEquals(DROP, guard.admit());
    }

    @Test
    void forgivesTheWarningOnceTheBucketIsFullAgain() {
        for (int i = 0; i < 4; i++) {
            guard.admit();
        }
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        for (int i = 0; i < 3; i++) {
            assertEquals(PASS, guard.admit());
        }
        assertEquals(WARN, guard.admit());
    }

    @Test
    void zeroIntervalTurnsFloodControlOff() {
        FloodGuard off = new FloodGuard(1, Duration.ZERO, now::get);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(PASS, off.admit());
        }
    }
}
