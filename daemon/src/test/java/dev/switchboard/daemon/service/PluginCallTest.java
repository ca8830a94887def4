package dev.switchboard.daemon.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.ConfigException;
import dev.switchboard.daemon.testing.LogCapture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One call into plugin code under a deadline: its result, its exceptions, and what happens when it overruns. */
@Timeout(30)
class PluginCallTest {

    private final CompletableFuture<Void> stopping = new CompletableFuture<>();
    private final PluginCalls calls = new PluginCalls(Duration.ofMillis(300), stopping);

    @Test
    void returnsWhatTheCallReturnedAndCountsNothing() throws Exception {
        assertEquals("handler", calls.open("svc", "plugin 'p' 1", () -> "handler", late -> { }));
        assertTrue(calls.runQuietly("svc", "plugin 'p' 1", "close", () -> { }));
        assertEquals(0, calls.failures("svc"));
    }

    @Test
    void aRuntimeExceptionIsThrownAsItIsAndCountedButAConfigProblemIsNotCounted() {
        IllegalStateException bug = new IllegalStateException("bug");
        assertSame(bug, assertThrows(IllegalStateException.class,
                () -> calls.open("svc", "plugin 'p' 1", () -> {
                    throw bug;
                }, late -> { })));
        assertEquals(1, calls.failures("svc"));
        assertThrows(ConfigException.class, () -> calls.open("svc", "plugin 'p' 1", () -> {
            throw new ConfigException("port", "bad");
        }, late -> { }));
        assertEquals(1, calls.failures("svc"), "a user's configuration mistake is not the plugin's failure");
        assertFalse(calls.runQuietly("svc", "plugin 'p' 1", "drain", () -> {
            throw new IllegalStateException("drain bug");
        }));
        assertEquals(2, calls.failures("svc"));
    }

    @Test
    void anOverrunningCallIsLoggedWithItsStackInterruptedCountedAndItsLateResultHandedOn() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicReference<String> late = new AtomicReference<>();
        CountDownLatch lateSeen = new CountDownLatch(1);
        try (LogCapture logs = LogCapture.start()) {
            long start = System.nanoTime();
            PluginCall.Overdue overdue = assertThrows(PluginCall.Overdue.class,
                    () -> calls.open("svc", "plugin 'p' 1", () -> {
                        try {
                            Thread.sleep(20_000);
                        } catch (InterruptedException e) {
                            interrupted.countDown();
                        }
                        return "late handler";
                    }, value -> {
                        late.set(value);
                        lateSeen.countDown();
                    }));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 250 && millis < 5000, "waited " + millis + " ms with a 300 ms timeout");
            assertFalse(overdue.stopping());
            assertTrue(overdue.getMessage().contains("open(): did not return within 300 ms (daemon.plugin-timeout)"),
                    overdue.getMessage());
            assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the call's thread was not interrupted");
            assertTrue(lateSeen.await(5, TimeUnit.SECONDS), "the late result was not handed on");
            assertEquals("late handler", late.get());
            assertEquals(1, calls.failures("svc"));
            assertEquals(1, logs.matching(l -> l.level().equals("WARN")
                    && l.message().startsWith("svc: plugin 'p' 1 open()")
                    && l.message().contains("PluginCallTest")).size(), "no warning with the stuck stack");
        }
    }

    @Test
    void anOpenIsGivenUpAtOnceWhenTheDaemonStopsAndThatIsNotCountedAgainstThePlugin() {
        PluginCalls patient = new PluginCalls(Duration.ofSeconds(60), stopping);
        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(() -> stopping.complete(null));
        long start = System.nanoTime();
        PluginCall.Overdue overdue = assertThrows(PluginCall.Overdue.class,
                () -> patient.open("svc", "plugin 'p' 1", () -> {
                    new CountDownLatch(1).await(20, TimeUnit.SECONDS);
                    return "never";
                }, late -> { }));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 5000, "the open was given up only after " + millis + " ms");
        assertTrue(overdue.stopping());
        assertEquals(0, patient.failures("svc"));
    }
}
