package dev.switchboard.daemon.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.ServiceStatus.State;
import dev.switchboard.daemon.testing.Await;
import dev.switchboard.daemon.testing.LineClient;
import dev.switchboard.daemon.testing.Recorder;
import dev.switchboard.daemon.testing.RunningDaemon;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A broken handler or service harms only itself: its own client is closed, everyone else is served. */
@Timeout(30)
class FaultContainmentTest {

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

    private LineClient client(String service) throws IOException {
        return daemon.client(service);
    }

    @Test
    void aHandlerThatThrowsClosesOnlyItsOwnClient() throws Exception {
        daemon = RunningDaemon.start(tmp, """
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
                services:
                  fragile: {protocol: lines, port: 0}
                  other:   {protocol: lines, port: 0, prefix: "other: "}
                """);
        LineClient neighbour = client("fragile");
        LineClient elsewhere = client("other");
        assertEquals("before", neighbour.ask("before"));
        assertEquals("other: before", elsewhere.ask("before"));

        LineClient victim = client("fragile");
        assertEquals("ok", victim.ask("ok"));
        victim.send("throw");
        victim.awaitClosedByServer(5000);

        assertEquals("after", neighbour.ask("after"));
        assertEquals("other: after", elsewhere.ask("after"));
        assertEquals("newcomer", client("fragile").ask("newcomer"));
        assertEquals(State.RUNNING, daemon.status("fragile").state());
        daemon.awaitActive("fragile", 2);
    }

    @Test
    void aHandlerThatNeverReturnsLosesItsClientToTheIdleTimeoutAndKeepsItsSlotWhileOthersAreServed() throws Exception {
        daemon = RunningDaemon.start(tmp, """
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
                services:
                  stuck:   {protocol: stuck, port: 0, idle-timeout: 500ms, max-connections: 1, busy-message: full}
                  healthy: {protocol: lines, port: 0}
                """);
        LineClient trapped = client("stuck");
        assertEquals("stuck", trapped.readLine());
        trapped.awaitClosedByServer(5000);

        assertEquals("fine", client("healthy").ask("fine"));
        daemon.awaitActive("stuck", 0);
        // Its one slot stays taken while the handler still runs: the stuck plugin cannot take a second thread.
        assertEquals("full", client("stuck").readLine());
        Recorder.releaseStuckHandlers();
        Await.until("the slot is free again", java.time.Duration.ofSeconds(5), () -> {
            try (LineClient next = client("stuck")) {
                return "stuck".equals(next.readLine());
            } catch (IOException e) {
                return false;
            }
        }, () -> daemon.status("stuck"));
        assertEquals(State.RUNNING, daemon.status("stuck").state());
    }

    @Test
    void aServiceThatCannotBindFailsWithTheReasonWhileOthersRun() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            daemon = RunningDaemon.start(tmp, """
                    daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
                    services:
                      blocked: {protocol: lines, port: %d}
                      free:    {protocol: lines, port: 0}
                    """.formatted(taken.getLocalPort()));
            assertEquals(State.FAILED, daemon.status("blocked").state());
            String problem = daemon.status("blocked").problem();
            assertTrue(problem.contains("services.blocked.port: cannot listen on [127.0.0.1]:" + taken.getLocalPort())
                    && problem.contains("another program or service uses it"), problem);
            assertEquals("free", client("free").ask("free"));
            assertEquals(1, daemon.switchboard().runningServices());
        }
    }
}
