package dev.switchboard.daemon.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.ServiceStatus.State;
import dev.switchboard.daemon.testing.LineClient;
import dev.switchboard.daemon.testing.RunningDaemon;
import dev.switchboard.daemon.testing.TestConfigs;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that once ended the running daemon on reload are refused like any other bad file: the report
 * names the line, and the service and its connected client carry on untouched.
 */
@Timeout(60)
class ReloadRefusalTest {

    private static final String GOOD = """
            daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
            services:
              unmoved: {protocol: lines, port: 0, prefix: "u:"}
            """;

    @TempDir
    Path tmp;
    RunningDaemon daemon;
    LineClient client;
    int port;

    @BeforeEach
    void start() throws Exception {
        daemon = RunningDaemon.start(tmp, GOOD);
        port = daemon.port("unmoved");
        client = daemon.client("unmoved");
        assertEquals("u:before", client.ask("before"));
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    private ReloadReport reload(String yaml) {
        TestConfigs.write(tmp, yaml);
        return daemon.switchboard().reload();
    }

    private void assertRefusedAndUntouched(ReloadReport report, String problem) throws Exception {
        assertFalse(report.applied(), report.toString());
        assertTrue(report.problems().stream().anyMatch(p -> p.contains(problem)), report.toString());
        assertEquals("u:after", client.ask("after"), "the connected client is served as before");
        try (LineClient fresh = LineClient.connect(port)) {
            assertEquals("u:new", fresh.ask("new"), "the service still accepts on its port");
        }
        assertEquals(State.RUNNING, daemon.status("unmoved").state());
    }

    @Test
    void aRecursiveAliasIsRefused() throws Exception {
        assertRefusedAndUntouched(reload(GOOD + "x: &a [*a]\n"), "switchboard.yml:4: recursive alias");
    }

    @Test
    void anAliasBombIsRefused() throws Exception {
        StringBuilder bomb = new StringBuilder(GOOD).append("l0: &a0 [x, x, x]\n");
        for (int i = 1; i <= 16; i++) {
            bomb.append("l%d: &a%d [*a%d, *a%d, *a%d]\n".formatted(i, i, i - 1, i - 1, i - 1));
        }
        assertRefusedAndUntouched(reload(bomb.toString()), "values once aliases (*name) are expanded");
    }

    @Test
    void aPortAnotherProgramHoldsRefusesTheWholeReloadAndClosesWhatItOpened() throws Exception {
        int added = freePort();
        try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // In file order: the added service binds first, then the move fails; the added one must go again.
            ReloadReport report = reload("""
                    daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
                    services:
                      added: {protocol: lines, port: %d}
                      unmoved: {protocol: lines, port: %d, prefix: "u:"}
                    """.formatted(added, other.getLocalPort()));
            assertRefusedAndUntouched(report, "switchboard.yml:4: services.unmoved.port: cannot listen on [127.0.0.1]:"
                    + other.getLocalPort());
            assertTrue(report.problems().get(0).contains("another program or service uses it"), report.toString());
            assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), added).close(),
                    "the service the refused reload would have added is not listening");
            assertThrows(IllegalArgumentException.class, () -> daemon.status("added"));
        }
    }

    @Test
    void aChangedServiceOnTheSamePortTakesOverItsSocketWithoutRefusingAnyone() throws Exception {
        AtomicInteger answered = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread prober = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!done.get() && System.nanoTime() < deadline && failure.get() == null) {
                try (LineClient probe = LineClient.connect(port)) {
                    String answer = probe.ask("probe");
                    if (answer == null || !answer.endsWith(":probe")) {
                        throw new AssertionError("unexpected answer " + answer);
                    }
                    answered.incrementAndGet();
                } catch (Throwable t) {
                    failure.set(t);
                }
            }
        });
        prober.start();
        for (int i = 0; i < 6; i++) {
            ReloadReport report = reload(GOOD.replace("u:", "u" + i + ":").replace("port: 0", "port: " + port));
            assertTrue(report.applied(), report.toString());
            assertEquals(port, daemon.port("unmoved"));
            long before = answered.get();
            while (answered.get() < before + 3 && failure.get() == null && prober.isAlive()) {
                Thread.sleep(5);
            }
        }
        done.set(true);
        prober.join(10_000);
        assertEquals(null, failure.get(), "a client connecting during the reloads was refused or lost");
        try (LineClient fresh = LineClient.connect(port)) {
            assertEquals("u5:last", fresh.ask("last"), "the last configuration serves");
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Test
    void aTenMegabyteFileIsRefused() throws Exception {
        assertRefusedAndUntouched(reload(GOOD + "# padding\n".repeat(1024 * 1024)), "the file is 10 MB");
    }

    @Test
    void deepNestingIsRefused() throws Exception {
        assertRefusedAndUntouched(reload(GOOD + "x: " + "[".repeat(5000) + "]".repeat(5000) + "\n"), "nested more than");
    }
}
