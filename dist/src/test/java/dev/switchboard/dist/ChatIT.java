package dev.switchboard.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The packaged daemon's chat service, used by two people through Debian's nc (netcat-openbsd). */
@Timeout(120)
class ChatIT {

    @TempDir
    Path tmp;

    @Test
    void twoNetcatUsersChatAndHearTheShutdownNotice() throws Exception {
        assumeTrue(Netcat.available(), "nc is not installed (apt-get install netcat-openbsd)");
        try (DistributionDaemon daemon = DistributionDaemon.install(tmp)) {
            daemon.writeConfig("""
                    daemon:
                      bind: 127.0.0.1
                      shutdown-grace: 3s
                    services:
                      chat:
                        port: 0
                        motd: "Hello from the packaged daemon"
                    """);
            daemon.start();
            int port = daemon.port("chat");
            try (Netcat alice = Netcat.connect(port); Netcat bob = Netcat.connect(port)) {
                alice.await("Hello from the packaged daemon");
                alice.awaitPrefix("* choose a nickname");
                alice.send("alice");
                alice.await("* you are alice; /help lists the commands");
                bob.awaitPrefix("* choose a nickname");
                bob.send("bob");
                alice.await("* bob joined lobby");

                alice.send("hi bob, this is nc");
                bob.await("<alice> hi bob, this is nc");
                bob.send("/msg alice just between us");
                alice.await("*bob* just between us");
                bob.send("/me waves");
                alice.await("* bob waves");

                bob.send("/quit see you");
                bob.await("* bye");
                assertEquals(0, bob.hangUp());
                alice.await("* bob left lobby (quit: see you)");

                assertEquals(0, daemon.stop(), daemon.output());
                List<String> before = alice.await("* server is shutting down");
                assertFalse(before.stream().anyMatch(l -> l.contains("just between us")), before.toString());
                assertEquals(0, alice.hangUp());
            }
        }
    }
}
