package dev.switchboard.plugins.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.daemon.Switchboard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad settings are reported by {@code switchboard check} with the file, line and key. */
class TimeConfigTest {

    @TempDir
    Path tmp;

    @Test
    void unknownFormatIsReportedWithItsLineAndTheChoices() throws IOException {
        List<String> problems = check("""
                services:
                  time:
                    port: 0
                    format: rfc-868
                """);
        assertEquals(1, problems.size(), problems.toString());
        String problem = problems.get(0);
        assertTrue(problem.startsWith(tmp.resolve("switchboard.yml") + ":7: services.time.format: "), problem);
        assertTrue(problem.contains("rfc868") && problem.contains("daytime") && problem.contains("iso8601"), problem);
    }

    @Test
    void unknownZoneIsReportedWithItsLine() throws IOException {
        List<String> problems = check("""
                services:
                  daytime:
                    protocol: time
                    port: 0
                    format: daytime
                    zone: Mars/Olympus_Mons
                """);
        assertEquals(List.of(tmp.resolve("switchboard.yml") + ":9: services.daytime.zone: 'Mars/Olympus_Mons' is not"
                + " a time zone: use an IANA name such as UTC, Europe/Berlin or America/New_York"), problems);
    }

    @Test
    void validFormatsAndZonesPass() throws IOException {
        assertEquals(List.of(), check("""
                services:
                  time: { port: 0 }
                  daytime: { protocol: time, port: 0, format: daytime, zone: America/New_York }
                  iso: { protocol: time, port: 0, format: iso8601, zone: Europe/Berlin }
                """));
    }

    private List<String> check(String services) throws IOException {
        Path config = tmp.resolve("switchboard.yml");
        Files.writeString(config, """
                daemon:
                  bind: 127.0.0.1
                  plugins: %s
                """.formatted(Files.createDirectories(tmp.resolve("plugins"))) + services);
        return Switchboard.check(config);
    }
}
