package com.example.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.testkit.LineClient;
import dev.switchboard.testkit.TestDaemon;
import org.junit.jupiter.api.Test;

/** The JAR in target/, loaded as an installed daemon loads it: two TCP clients see one set of counters. */
class CounterPluginIT {

    @Test
    void twoClientsOfTheServiceCountTogether() {
        try (TestDaemon daemon = TestDaemon.withConfig("""
                services:
                  counter:
                    port: 0
                """).packagedPlugin().start()) {
            LineClient alice = daemon.lineClient("counter");
            LineClient bob = daemon.lineClient("counter");
            assertEquals("1", alice.ask("incr visits"));
            assertEquals("2", bob.ask("incr visits"));
            assertEquals("2", alice.ask("get visits"));
            assertEquals(java.util.Map.of("visits", 2L),
                    daemon.status().sources().get("counters").get("counters"));
        }
    }

    @Test
    void theCountsOutliveAReloadThatReplacesTheService() {
        try (TestDaemon daemon = TestDaemon.withConfig("""
                services:
                  counter:
                    port: 0
                """).packagedPlugin().start()) {
            assertEquals("1", daemon.lineClient("counter").ask("incr visits"));
            daemon.reload("""
                    services:
                      counter:
                        port: 0
                        max-counters: 5
                    """);
            assertEquals("2", daemon.lineClient("counter").ask("incr visits"));
        }
    }
}
