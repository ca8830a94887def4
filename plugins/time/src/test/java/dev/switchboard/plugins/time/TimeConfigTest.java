package dev.switchboard.plugins.time;

import static dev.switchboard.testkit.ConfigAssertions.assertNoProblems;
import static dev.switchboard.testkit.ConfigAssertions.assertProblemOnItsLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.TestDaemon;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad settings are reported by {@code switchboard check} with the file, line and key. */
class TimeConfigTest {

    @Test
    void unknownFormatIsReportedWithItsLineAndTheChoices() {
        String yaml = """
                services:
                  time:
                    port: 0
                    format: rfc-868
                """;
        List<String> problems = TestDaemon.withConfig(yaml).check();
        assertEquals(1, problems.size(), problems.toString());
        String problem = assertProblemOnItsLine(problems, yaml, "services.time.format", "rfc868");
        assertTrue(problem.contains("daytime") && problem.contains("iso8601"), problem);
    }

    @Test
    void unknownZoneIsReportedWithItsLine() {
        String yaml = """
                services:
                  daytime:
                    protocol: time
                    port: 0
                    format: daytime
                    zone: Mars/Olympus_Mons
                """;
        List<String> problems = TestDaemon.withConfig(yaml).check();
        assertEquals(1, problems.size(), problems.toString());
        assertProblemOnItsLine(problems, yaml, "services.daytime.zone", "'Mars/Olympus_Mons' is not a time zone: "
                + "use an IANA name such as UTC, Europe/Berlin or America/New_York");
    }

    @Test
    void validFormatsAndZonesPass() {
        assertNoProblems(TestDaemon.withConfig("""
                services:
                  time: { port: 0 }
                  daytime: { protocol: time, port: 0, format: daytime, zone: America/New_York }
                  iso: { protocol: time, port: 0, format: iso8601, zone: Europe/Berlin }
                """).check());
    }
}
