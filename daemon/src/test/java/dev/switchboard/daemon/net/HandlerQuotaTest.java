package dev.switchboard.daemon.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.daemon.testing.Await;
import dev.switchboard.daemon.testing.LineClient;
import dev.switchboard.daemon.testing.LogCapture;
import dev.switchboard.daemon.testing.Recorder;
import dev.switchboard.daemon.testing.RunningDaemon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service's handlers count against its own {@code max-connections} until they return, even after their
 * clients are gone: a service full of stuck handlers refuses its own newcomers, visibly, and every other
 * service carries on. Runs on platform threads on Java 17 and on virtual threads on 21+.
 */
@Timeout(60)
class HandlerQuotaTest {

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

    @Test
    void aServiceFullOfStuckHandlersRefusesItsOwnClientsWithTheBusyLineWhileItsNeighbourServes() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            daemon = RunningDaemon.start(tmp, """
                    daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
                    defaults: {busy-message: "busy: try later"}
                    services:
                      stuck:   {protocol: stuck, port: 0, idle-timeout: 300ms, max-connections: 3}
                      healthy: {protocol: lines, port: 0}
                    """);
            for (int i = 0; i < 3; i++) {
                LineClient trapped = daemon.client("stuck");
                assertEquals("stuck", trapped.readLine());
                trapped.awaitClosedByServer(5000); // the idle timeout closed it; its handler runs on
            }
            daemon.awaitActive("stuck", 0);

            LineClient refused = daemon.client("stuck");
            assertEquals("busy: try later", refused.readLine());
            refused.awaitClosedByServer(5000);
            assertEquals("fine", daemon.client("healthy").ask("fine"));

            List<LogCapture.Line> why = log.containing("stuck: refused 127.0.0.1: service connection limit (3) reached");
            assertEquals(1, why.size(), "one refusal line with its reason: " + log.containing("refused"));
            assertTrue(why.get(0).message().contains("3 of its handlers are still running after their clients closed"),
                    why.get(0).message());

            // Past the threshold they are counted as stuck in status, and a warning names service and plugin.
            Await.until("3 stuck handlers in status", Duration.ofSeconds(15),
                    () -> daemon.status("stuck").stuckHandlers() == 3, () -> daemon.status("stuck"));
            assertEquals(0, daemon.status("healthy").stuckHandlers());
            List<LogCapture.Line> warnings = log.containing("after its client closed");
            assertEquals(3, warnings.size(), warnings.toString());
            assertTrue(warnings.stream().allMatch(l -> l.level().equals("WARN") && l.hasStackTrace()
                    && l.message().startsWith("stuck client 127.0.0.1:") && l.message().contains("plugin 'classpath'")),
                    warnings.toString());

            // Once they return, the quota is free again.
            Recorder.releaseStuckHandlers();
            Await.until("stuck handlers returned", Duration.ofSeconds(5),
                    () -> daemon.status("stuck").stuckHandlers() == 0, () -> daemon.status("stuck"));
            assertEquals("stuck", daemon.client("stuck").readLine());
        }
    }

    @Test
    void everyServiceFindsThreadsForItsWholeQuotaWhileAnotherIsFullOfStuckHandlers() throws Exception {
        daemon = RunningDaemon.start(tmp, """
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s, max-connections: 100}
                defaults: {max-connections-per-ip: 1000, busy-message: busy}
                services:
                  stuck:   {protocol: stuck, port: 0, idle-timeout: 300ms, max-connections: 100}
                  healthy: {protocol: lines, port: 0, max-connections: 100}
                """);
        List<LineClient> trapped = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            LineClient c = daemon.client("stuck");
            assertEquals("stuck", c.readLine());
            trapped.add(c);
        }
        for (LineClient c : trapped) {
            c.awaitClosedByServer(5000);
        }
        daemon.awaitActive("stuck", 0);
        // 100 stuck handlers hold 100 threads; the neighbour's 100 clients, connected at once, all get one.
        List<LineClient> served = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            served.add(daemon.client("healthy"));
        }
        for (int i = 0; i < served.size(); i++) {
            assertEquals("hello " + i, served.get(i).ask("hello " + i));
        }
        assertEquals(0, daemon.status("healthy").rejectedConnections());
    }

    @Test
    void aHandlerThatThrowsOnEveryClientLogsAFewStackTracesThenOnlyCounts() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            daemon = RunningDaemon.start(tmp, """
                    daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
                    services:
                      fragile: {protocol: lines, port: 0, max-connects-per-second-per-ip: 0}
                    """);
            int clients = 60;
            for (int i = 0; i < clients; i++) {
                try (LineClient c = LineClient.connect(daemon.port("fragile"))) {
                    c.send("throw");
                    c.awaitClosedByServer(5000);
                }
            }
            Await.until(clients + " failures counted", Duration.ofSeconds(5),
                    () -> daemon.status("fragile").failedHandlers() == clients, () -> daemon.status("fragile"));
            List<LogCapture.Line> traces = log.matching(LogCapture.Line::hasStackTrace);
            assertEquals(IncidentLog.IN_FULL, traces.size(), "stack traces logged: " + traces.size());
            Await.until("the summary line", Duration.ofSeconds(15),
                    () -> !log.containing("fragile: handler failures: ").isEmpty(), () -> log.containing("fragile"));
            String summary = log.containing("fragile: handler failures: ").get(0).message();
            assertTrue(summary.contains((clients - IncidentLog.IN_FULL) + " more") && summary.contains(clients + " in all")
                    && summary.contains("told to throw by the test"), summary);
            assertFalse(log.matching(LogCapture.Line::hasStackTrace).size() > IncidentLog.IN_FULL);
        }
    }
}
