package com.example.frames;

import dev.switchboard.testkit.RawClient;
import dev.switchboard.testkit.TestDaemon;
import org.junit.jupiter.api.Test;

/** The JAR in target/, loaded from a plugins directory as an installed daemon loads it, spoken to over TCP. */
class FramesPluginIT {

    @Test
    void thePackagedJarAnswersFramesOverTcp() {
        try (TestDaemon daemon = TestDaemon.withConfig("""
                services:
                  frames:
                    port: 0
                    max-frame: 8
                """).packagedPlugin().start()) {
            RawClient client = daemon.rawClient("frames");
            client.send(new byte[] {0, 4, 1, 2, 3, 4, 0, 2, 'h', 'i'});
            client.expect(new byte[] {0, 4, 4, 3, 2, 1, 0, 2, 'i', 'h'});
            client.send(new byte[] {0, 9});
            client.expect(new byte[] {0, 0});
            client.expectClosed();
        }
    }
}
