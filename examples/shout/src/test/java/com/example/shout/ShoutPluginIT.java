package com.example.shout;

import dev.switchboard.testkit.LineClient;
import dev.switchboard.testkit.TestDaemon;
import org.junit.jupiter.api.Test;

/** The JAR in target/, loaded from a plugins directory as an installed daemon loads it, spoken to over TCP. */
class ShoutPluginIT {

    @Test
    void thePackagedJarServesTheProtocol() {
        try (TestDaemon daemon = TestDaemon.withConfig("""
                services:
                  shout:
                    port: 0
                    max-line: 32
                """).packagedPlugin().start()) {
            LineClient client = daemon.lineClient("shout");
            client.send("from the jar");
            client.expectLine("FROM THE JAR");
            client.send("y".repeat(33));
            client.expectLine("line too long (max 32 bytes)");
            client.send("quit");
            client.expectClosed();
        }
    }
}
