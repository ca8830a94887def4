package dev.switchboard.daemon.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.ServiceStatus.State;
import dev.switchboard.daemon.testing.Await;
import dev.switchboard.daemon.testing.LineClient;
import dev.switchboard.daemon.testing.Recorder;
import dev.switchboard.daemon.testing.RunningDaemon;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Stopping: no new clients, handlers drained, connected clients given the grace time and then closed. */
@Timeout(30)
class ShutdownTest {

    @TempDir
    Path tmp;

    private RunningDaemon daemon;

    @AfterEach
    void stop() {
        Recorder.releaseStuckHandlers();
        if (daemon != null) {
            daemon.close(); // a no-op unless the test failed before closing it
        }
    }

    private long millisToClose() {
        long start = System.nanoTime();
        daemon.close();
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void drainsTheHandlerWaitsTheGraceTimeThenClosesAClientThatStays() throws Exception {
        daemon = RunningDaemon.start(tmp, """
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
                services:
                  patient: {protocol: lines, port: 0}
                """);
        int port = daemon.port("patient");
        try (LineClient client = LineClient.connect(port)) {
            assertEquals("hi", client.ask("hi"));
            long start = System.nanoTime();
            Thread closer = new Thread(daemon::close, "closer");
            closer.start();
            Await.until("patient is draining", Duration.ofSeconds(2),
                    () -> daemon.status("patient").state() == State.DRAINING, () -> daemon.status("patient"));
            assertEquals(port, daemon.status("patient").port(), "status while draining");
            closer.join(5000);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 900 && millis < 4000, "close() took " + millis + " ms with a 1 s grace time");
            assertTrue(Recorder.wasDrained("patient"), "the handler's drain() was not called");
            client.awaitClosedByServer(2000);
            assertEquals(State.STOPPED, daemon.status("patient").state());
            assertThrows(ConnectException.class, () -> LineClient.connect(port).close(), "still accepting");
        }
    }

    @Test
    void returnsLongBeforeTheGraceTimeWhenHandlersFinishOnDrain() throws Exception {
        daemon = RunningDaemon.start(tmp, """
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 20s}
                services:
                  courteous: {protocol: polite, port: 0}
                """);
        try (LineClient client = LineClient.connect(daemon.port("courteous"))) {
            assertEquals("hello", client.readLine());
            long millis = millisToClose();
            assertTrue(millis < 5000, "close() took " + millis + " ms although the handler returned on drain");
            assertTrue(Recorder.wasDrained("courteous"));
            assertEquals("bye", client.readLine());
            client.awaitClosedByServer(2000);
        }
    }

    @Test
    void returnsSoonAfterTheGraceTimeEvenWhenAHandlerNeverReturns() throws Exception {
        daemon = RunningDaemon.start(tmp, """
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
                services:
                  wedged: {protocol: stuck, port: 0}
                  fine:   {protocol: lines, port: 0}
                """);
        try (LineClient trapped = LineClient.connect(daemon.port("wedged"));
             LineClient other = LineClient.connect(daemon.port("fine"))) {
            assertEquals("stuck", trapped.readLine());
            assertEquals("x", other.ask("x"));
            long millis = millisToClose();
            // grace (1 s) + the daemon's 1 s for closed clients' handlers to return + margin for a busy machine
            assertTrue(millis < 5000, "close() took " + millis + " ms with a handler that never returns");
            assertTrue(Recorder.wasDrained("wedged") && Recorder.wasDrained("fine"));
            trapped.awaitClosedByServer(2000);
            other.awaitClosedByServer(2000);
        }
    }
}
