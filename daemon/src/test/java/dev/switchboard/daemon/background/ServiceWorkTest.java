package dev.switchboard.daemon.background;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.daemon.net.ClientExecutors;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A service's background work on the daemon's threads, on both kinds: the Java 17 pool and, where the
 * JVM has them, virtual threads. Work cannot outlive its service, and one failing task harms nothing.
 */
@Timeout(30)
class ServiceWorkTest {

    static Stream<String> kinds() {
        return ClientExecutors.virtual().isPresent() ? Stream.of("pool", "virtual") : Stream.of("pool");
    }

    private static BackgroundThreads threads(String kind) {
        Supplier<Optional<ExecutorService>> virtual = kind.equals("pool") ? Optional::empty : ClientExecutors::virtual;
        return BackgroundThreads.create(virtual);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void runsTasksOnTheDaemonsThreadsAndAFailingOneHarmsNothing(String kind) throws Exception {
        try (BackgroundThreads threads = threads(kind)) {
            ServiceWork work = threads.forService("chat");
            CountDownLatch ran = new CountDownLatch(2);
            String[] thread = new String[1];
            work.execute(() -> {
                throw new IllegalStateException("a plugin bug");
            });
            work.execute(() -> {
                thread[0] = Thread.currentThread().getName();
                ran.countDown();
            });
            work.execute(ran::countDown);
            assertTrue(ran.await(5, TimeUnit.SECONDS));
            if (kind.equals("pool")) {
                assertTrue(thread[0].startsWith("switchboard-background-"), thread[0]);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void closingTheServiceInterruptsItsRunningTaskCancelsWhatIsScheduledAndRefusesMore(String kind) throws Exception {
        try (BackgroundThreads threads = threads(kind)) {
            ServiceWork work = threads.forService("old");
            ServiceWork neighbour = threads.forService("neighbour");
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch interrupted = new CountDownLatch(1);
            work.execute(() -> {
                started.countDown();
                try {
                    Thread.sleep(20_000);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
            });
            AtomicInteger late = new AtomicInteger();
            work.schedule(late::incrementAndGet, Duration.ofMillis(300));
            AtomicInteger ticks = new AtomicInteger();
            work.every(Duration.ofMillis(20), ticks::incrementAndGet);
            assertTrue(started.await(5, TimeUnit.SECONDS));
            work.close();
            assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the running task was interrupted");
            int ticksAtClose = ticks.get();
            Thread.sleep(500);
            assertEquals(0, late.get(), "a scheduled task did not run after its service closed");
            assertTrue(ticks.get() <= ticksAtClose + 1, "the periodic task stopped: " + ticksAtClose + " -> " + ticks.get());
            RejectedExecutionException refused = assertThrows(RejectedExecutionException.class, () -> work.execute(() -> { }));
            assertTrue(refused.getMessage().startsWith("old: the service is closed"), refused.getMessage());

            CountDownLatch fine = new CountDownLatch(1);
            neighbour.execute(fine::countDown);
            assertTrue(fine.await(5, TimeUnit.SECONDS), "another service's work goes on");
            boolean[] flag = new boolean[1];
            CountDownLatch checked = new CountDownLatch(1);
            neighbour.execute(() -> {
                flag[0] = Thread.currentThread().isInterrupted();
                checked.countDown();
            });
            assertTrue(checked.await(5, TimeUnit.SECONDS));
            assertFalse(flag[0], "no interrupt meant for the closed service reaches a neighbour's task");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aPeriodicTaskNeverOverlapsItselfGoesOnAfterAFailureAndStopsWhenCancelled(String kind) throws Exception {
        try (BackgroundThreads threads = threads(kind)) {
            ServiceWork work = threads.forService("ticker");
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            AtomicInteger runs = new AtomicInteger();
            CountDownLatch five = new CountDownLatch(5);
            Future<?> series = work.every(Duration.ofMillis(5), () -> {
                if (inside.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                try {
                    if (runs.incrementAndGet() == 2) {
                        throw new IllegalStateException("one bad run");
                    }
                    Thread.sleep(30); // longer than the period
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    inside.decrementAndGet();
                    five.countDown();
                }
            });
            assertTrue(five.await(10, TimeUnit.SECONDS), "the series went on past the failed run: " + runs.get());
            assertEquals(0, overlaps.get());
            series.cancel(false);
            Thread.sleep(100);
            int after = runs.get();
            Thread.sleep(200);
            assertEquals(after, runs.get(), "no run after cancel");
            assertThrows(IllegalArgumentException.class, () -> work.every(Duration.ZERO, () -> { }));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aScheduledTaskRunsOnceAfterItsDelayUnlessCancelled(String kind) throws Exception {
        try (BackgroundThreads threads = threads(kind)) {
            ServiceWork work = threads.forService("later");
            CountDownLatch ran = new CountDownLatch(1);
            long start = System.nanoTime();
            Future<?> done = work.schedule(ran::countDown, Duration.ofMillis(100));
            AtomicInteger cancelled = new AtomicInteger();
            work.schedule(cancelled::incrementAndGet, Duration.ofMillis(100)).cancel(false);
            assertTrue(ran.await(5, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100));
            done.get(5, TimeUnit.SECONDS);
            Thread.sleep(200);
            assertEquals(0, cancelled.get());
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aServiceOpenedOnlyToBeCheckedMaySchedulePlainlyButNothingRuns(String kind) throws Exception {
        ServiceWork work = ServiceWork.inert("echo");
        AtomicInteger ran = new AtomicInteger();
        work.execute(ran::incrementAndGet);
        assertTrue(work.schedule(ran::incrementAndGet, Duration.ZERO).isCancelled());
        assertTrue(work.every(Duration.ofMillis(1), ran::incrementAndGet).isCancelled());
        Thread.sleep(50);
        assertEquals(0, ran.get());
    }
}
