package dev.switchboard.daemon.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.ServiceStatus.State;
import dev.switchboard.daemon.testing.Await;
import dev.switchboard.daemon.testing.LineClient;
import dev.switchboard.daemon.testing.LogCapture;
import dev.switchboard.daemon.testing.Recorder;
import dev.switchboard.daemon.testing.RunningDaemon;
import dev.switchboard.daemon.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin stuck in {@code open}, {@code drain} or {@code close} (the {@code slow} test protocol, which
 * ignores interrupts for 20 s) holds up a start, reload or stop only until {@code daemon.plugin-timeout};
 * the log names the service, the plugin and the call, and the other services carry on. Without the
 * deadlines each of these tests takes 20 s or more and fails its bound.
 */
@Timeout(90)
class PluginDeadlineTest {

    /** Far below the 20 s a stuck call takes, far above what the bound needs on a loaded machine. */
    private static final long SLACK_MILLIS = 4000;

    @TempDir
    Path tmp;

    private RunningDaemon daemon;

    @AfterEach
    void stop() {
        Recorder.releaseStuckHandlers();
        if (daemon != null) {
            daemon.close();
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private long millisToClose() {
        long start = System.nanoTime();
        daemon.close();
        return millisSince(start);
    }

    @Test
    void aStopTakesAtMostTheGraceTimePlusThePluginTimeoutWhateverDrainAndCloseDo() throws Exception {
        daemon = RunningDaemon.start(tmp, """
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 2s, plugin-timeout: 1s}
                services:
                  sleepy-drain: {protocol: slow, port: 0, drain-takes: 20s}
                  sleepy-close: {protocol: slow, port: 0, close-takes: 20s}
                  fine:         {protocol: lines, port: 0}
                """);
        try (LogCapture logs = LogCapture.start();
             LineClient stays = LineClient.connect(daemon.port("fine"));
             LineClient drained = LineClient.connect(daemon.port("sleepy-drain"))) {
            assertEquals("x", stays.ask("x"));
            assertEquals("y", drained.ask("y"));
            long millis = millisToClose();
            assertTrue(millis < 2000 + 1000 + SLACK_MILLIS, "stop took " + millis + " ms with shutdown-grace 2s, "
                    + "plugin-timeout 1s and a drain() and a close() that take 20 s");
            assertTrue(Recorder.wasDrained("sleepy-drain") && Recorder.wasDrained("fine"));
            stays.awaitClosedByServer(2000);
            drained.awaitClosedByServer(2000);
            List<LogCapture.Line> drainLine = logs.containing("sleepy-drain: plugin '");
            assertTrue(drainLine.stream().anyMatch(l -> l.level().equals("WARN") && l.message().contains("drain()")
                    && l.message().contains("within 1 s (daemon.plugin-timeout)")
                    && l.message().contains("SlowProtocol")), "no warning naming the drain and its stack: " + drainLine);
            List<LogCapture.Line> closeLine = logs.containing("sleepy-close: plugin '");
            assertTrue(closeLine.stream().anyMatch(l -> l.message().contains("close()")
                    && l.message().contains("daemon.plugin-timeout")), "no warning naming the close: " + closeLine);
            assertEquals(1, daemon.status("sleepy-drain").failedPluginCalls(), "sleepy-drain's failed calls");
            assertEquals(1, daemon.status("sleepy-close").failedPluginCalls(), "sleepy-close's failed calls");
            assertEquals(0, daemon.status("fine").failedPluginCalls(), "fine's failed calls");
        }
    }

    @Test
    void aServiceWhoseOpenHangsFailsAtStartAndTheOthersServe() throws Exception {
        long start = System.nanoTime();
        daemon = RunningDaemon.start(tmp, """
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s, plugin-timeout: 1s}
                services:
                  wedged: {protocol: slow, port: 0, open-takes: 20s}
                  fine:   {protocol: lines, port: 0}
                """);
        long millis = millisSince(start);
        assertTrue(millis < 1000 + SLACK_MILLIS, "start took " + millis + " ms with an open() that takes 20 s");
        assertEquals(State.FAILED, daemon.status("wedged").state());
        String problem = daemon.status("wedged").problem();
        assertTrue(problem.contains("open(): did not return within 1 s (daemon.plugin-timeout)"), problem);
        assertEquals(0, daemon.status("wedged").port());
        assertEquals(1, daemon.status("wedged").failedPluginCalls());
        try (LineClient client = daemon.client("fine")) {
            assertEquals("still here", client.ask("still here"));
        }
        assertEquals(1, Recorder.opens("wedged"), "open() is called once per start");
    }

    @Test
    void aReloadWhoseServiceHangsInOpenIsRefusedAndEveryServiceRunsOnUntouched() throws Exception {
        String config = """
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s, plugin-timeout: 1s}
                services:
                  steady:   {protocol: lines, port: 0, prefix: "s:"}
                  changing: {protocol: slow, port: 0, open-takes: %s}
                """;
        daemon = RunningDaemon.start(tmp, config.formatted("0s"));
        LineClient steady = daemon.client("steady");
        LineClient changing = daemon.client("changing");
        assertEquals("s:1", steady.ask("1"));
        assertEquals("c1", changing.ask("c1"));
        int port = daemon.port("changing");
        TestConfigs.write(tmp, config.formatted("20s") + "  newcomer: {protocol: lines, port: 0}\n");
        long start = System.nanoTime();
        ReloadReport report = daemon.switchboard().reload();
        long millis = millisSince(start);
        assertTrue(millis < 1000 + SLACK_MILLIS, "reload took " + millis + " ms with an open() that takes 20 s");
        assertFalse(report.applied(), report::toString);
        assertTrue(report.problems().stream().anyMatch(p -> p.contains("services.changing")
                && p.contains("open(): did not return within 1 s")), report::toString);
        assertTrue(daemon.switchboard().status().services().stream().noneMatch(s -> s.name().equals("newcomer")),
                "the reload added a service although it was refused");
        assertEquals("s:2", steady.ask("2"), "the connected client of the unchanged service");
        assertEquals("c2", changing.ask("c2"), "the connected client of the service the reload would change");
        assertEquals(port, daemon.port("changing"));
        assertEquals(State.RUNNING, daemon.status("changing").state());
        assertEquals(1, daemon.status("changing").failedPluginCalls(), "the running service shows the failed open");
        assertEquals(2, Recorder.opens("changing"), "open() calls: one at start, one for the reload");
        long stopMillis = millisToClose();
        assertTrue(stopMillis < 1000 + 1000 + SLACK_MILLIS, "stop after the refused reload took " + stopMillis + " ms");
    }

    @Test
    void aStopAskedForWhileAReloadWaitsForAHangingOpenIsPrompt() throws Exception {
        String before = """
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s, plugin-timeout: 60s}
                services:
                  steady: {protocol: lines, port: 0}
                """;
        daemon = RunningDaemon.start(tmp, before);
        TestConfigs.write(tmp, before + "  latecomer: {protocol: slow, port: 0, open-takes: 20s}\n");
        CompletableFuture<ReloadReport> reload = CompletableFuture.supplyAsync(() -> daemon.switchboard().reload());
        Await.until("the reload is in latecomer's open()", Duration.ofSeconds(10),
                () -> Recorder.opens("latecomer") == 1, reload::toString);
        long millis = millisToClose();
        assertTrue(millis < 1000 + SLACK_MILLIS, "stop took " + millis + " ms while a reload waited for open()");
        ReloadReport report = reload.get();
        assertFalse(report.applied(), report::toString);
        assertTrue(report.problems().stream().anyMatch(p -> p.contains("given up because the daemon is stopping")), report::toString);
    }

    @Test
    void startAndEveryReloadOpenEachNewOrChangedServiceOnce() throws Exception {
        String config = """
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
                services:
                  counted: {protocol: slow, port: 0, drain-takes: %s}
                """;
        daemon = RunningDaemon.start(tmp, config.formatted("0s"));
        assertEquals(1, Recorder.opens("counted"), "open() calls at start");
        TestConfigs.write(tmp, config.formatted("1ms") + "  added: {protocol: slow, port: 0}\n");
        assertTrue(daemon.switchboard().reload().applied());
        assertEquals(2, Recorder.opens("counted"), "open() calls after a reload that changed the service");
        assertEquals(1, Recorder.opens("added"), "open() calls of a service a reload added");
        assertTrue(daemon.switchboard().reload().applied());
        assertEquals(2, Recorder.opens("counted"), "open() calls after a reload that changed nothing");
        try (LineClient client = daemon.client("counted")) {
            assertEquals("z", client.ask("z"));
        }
    }
}
