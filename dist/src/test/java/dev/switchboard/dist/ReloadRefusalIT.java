package dev.switchboard.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that once ended the running packaged daemon when it got SIGHUP: each is now "reload refused" with
 * its line, and the echo client connected before carries on. The same files are refused by {@code check}
 * (within the launcher's small heap for one-shot commands) and at start, as configuration errors (exit 2,
 * which systemd does not restart in a loop).
 */
@Timeout(180)
class ReloadRefusalIT {

    private static final String GOOD = "daemon: {bind: 127.0.0.1, shutdown-grace: 1s}\nservices:\n  echo: {port: 0}\n";

    @TempDir
    Path tmp;

    private static String aliasBomb() {
        StringBuilder bomb = new StringBuilder(GOOD).append("l0: &a0 [x, x, x]\n");
        for (int i = 1; i <= 16; i++) {
            bomb.append("l%d: &a%d [*a%d, *a%d, *a%d]\n".formatted(i, i, i - 1, i - 1, i - 1));
        }
        return bomb.toString();
    }

    @Test
    void aRecursiveAliasAndAnAliasBombAreRefusedOnSighupAndTheEchoClientCarriesOn() throws Exception {
        try (DistributionDaemon daemon = DistributionDaemon.install(tmp)) {
            daemon.writeConfig(GOOD);
            daemon.start();
            int port = daemon.port("echo");
            try (EchoClient client = new EchoClient(port)) {
                assertEquals("before", client.echo("before"));

                daemon.writeConfig(GOOD + "x: &a [*a]\n");
                daemon.hangup();
                String cycle = daemon.awaitReload("reload refused", 1);
                assertTrue(cycle.contains("conf/switchboard.yml:4: recursive alias"), cycle);
                assertEquals("after the cycle", client.echo("after the cycle"));

                daemon.writeConfig(aliasBomb());
                daemon.hangup();
                String bomb = daemon.awaitReload("reload refused", 2);
                assertTrue(bomb.contains("values once aliases (*name) are expanded"), bomb);
                assertEquals("after the bomb", client.echo("after the bomb"));
                try (EchoClient fresh = new EchoClient(port)) {
                    assertEquals("a new client", fresh.echo("a new client"));
                }
            }
            assertTrue(daemon.process().isAlive(), daemon.output());
            assertEquals(0, daemon.stop(), daemon.output());
        }
    }

    @Test
    void aReloadOntoAPortAnotherProgramHoldsIsRefusedAndEchoKeepsItsPort() throws Exception {
        try (DistributionDaemon daemon = DistributionDaemon.install(tmp);
             ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            daemon.writeConfig(GOOD);
            daemon.start();
            int port = daemon.port("echo");
            try (EchoClient client = new EchoClient(port)) {
                assertEquals("before", client.echo("before"));
                daemon.writeConfig(GOOD.replace("port: 0", "port: " + other.getLocalPort()));
                daemon.hangup();
                String refused = daemon.awaitReload("reload refused", 1);
                assertTrue(refused.contains("services.echo.port: cannot listen on [127.0.0.1]:" + other.getLocalPort()
                        + ": Address already in use"), refused);
                assertEquals("after", client.echo("after"));
                try (EchoClient fresh = new EchoClient(port)) {
                    assertEquals("the old port still answers", fresh.echo("the old port still answers"));
                }
            }
            assertEquals(0, daemon.stop(), daemon.output());
        }
    }

    @Test
    void checkAndStartRefuseTheAliasBombAsAConfigurationError() throws Exception {
        try (DistributionDaemon daemon = DistributionDaemon.install(tmp)) {
            daemon.writeConfig(aliasBomb());
            DistributionDaemon.Result check = daemon.run("check");
            assertEquals(2, check.exitCode(), check.output());
            assertTrue(check.output().contains("values once aliases (*name) are expanded"), check.output());

            daemon.start();
            assertEquals(2, daemon.awaitExit(), daemon.output());
            assertTrue(daemon.output().contains("not started: fix the configuration"), daemon.output());
        }
    }
}
