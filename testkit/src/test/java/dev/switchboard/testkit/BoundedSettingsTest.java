package dev.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Settings' bounded durations and sizes and required keys, as a plugin author and its user see them. */
@Timeout(60)
class BoundedSettingsTest {

    private static List<String> check(String settings) {
        return TestDaemon.withConfig("""
                services:
                  bounded:
                    port: 0
                """ + settings).check();
    }

    @Test
    void valuesWithinTheirBoundsAndTheDefaultsAreServed() {
        try (TestDaemon daemon = TestDaemon.withConfig("""
                services:
                  bounded:
                    port: 0
                    zone: UTC
                    wait: 1m
                    buffer: 64KiB
                  fallbacks:
                    protocol: bounded
                    port: 0
                    zone: Europe/Berlin
                """).start()) {
            assertEquals("UTC 60000 65536", daemon.lineClient("bounded").readLine());
            assertEquals("Europe/Berlin 5000 4096", daemon.lineClient("fallbacks").readLine());
        }
    }

    @Test
    void aDurationOrSizeOutsideItsBoundsNamesTheBoundsAsTheUserWritesThem() {
        ConfigAssertions.assertProblem(check("    zone: UTC\n    wait: 10m\n"),
                "services.bounded.wait", "10m is out of range (1s to 5m)");
        ConfigAssertions.assertProblem(check("    zone: UTC\n    wait: 500ms\n"),
                "services.bounded.wait", "500ms is out of range (1s to 5m)");
        ConfigAssertions.assertProblem(check("    zone: UTC\n    buffer: 2MiB\n"),
                "services.bounded.buffer", "2MiB is out of range (512 to 1MiB)");
        ConfigAssertions.assertProblem(check("    zone: UTC\n    buffer: 100\n"),
                "services.bounded.buffer", "100 is out of range (512 to 1MiB)");
    }

    @Test
    void aMissingRequiredKeyIsReportedAndAMisspellingOfItKeepsItsHint() {
        List<String> problems = check("    zon: UTC\n");
        ConfigAssertions.assertProblem(problems, "services.bounded.zone", "is required: add 'zone: ...'");
        ConfigAssertions.assertProblem(problems, "services.bounded.zon", "did you mean 'zone'?");
        assertEquals(2, problems.size(), problems.toString());
    }

    @Test
    void keysTheProtocolNeverReachedAreNotCalledUnknownWhenOpenFails() {
        // open fails at zone, before it reads wait and buffer: a misspelt "buffer" is unknowable then.
        List<String> problems = check("    bufer: 1KiB\n");
        ConfigAssertions.assertProblem(problems, "services.bounded.zone", "is required");
        assertEquals(1, problems.size(), problems.toString());
    }
}
