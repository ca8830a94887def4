package dev.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Files a protocol read at open are part of its service's identity: editing one and reloading replaces it. */
@Timeout(60)
class ServiceInputsTest {

    @TempDir
    Path dir;

    private String config(Path motd, Path banner) {
        return """
                services:
                  motd:
                    port: 0
                    motd: %s
                    banner: %s
                  plain:
                    protocol: motd
                    port: 0
                    motd: %s
                """.formatted(motd, banner, dir.resolve("other.txt"));
    }

    private static void write(Path file, String text, int secondsAhead) throws Exception {
        Files.writeString(file, text);
        // A whole second ahead: a file system with coarse timestamps still shows the edit.
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(secondsAhead)));
    }

    @Test
    void aReloadReplacesTheServiceWhoseFileChangedAndKeepsTheOthers() throws Exception {
        Path motd = dir.resolve("motd.txt");
        Path banner = dir.resolve("banner.txt");
        write(motd, "welcome\n", 0);
        write(banner, "== ", 0);
        write(dir.resolve("other.txt"), "other\n", 0);
        String yaml = config(motd, banner);
        try (TestDaemon daemon = TestDaemon.withConfig(yaml).start()) {
            assertEquals("== welcome", daemon.lineClient("motd").readLine());
            List<String> changes = daemon.reload(yaml);
            // Not the client count: the client that just read its line may or may not have been let go yet.
            assertTrue(changes.stream().anyMatch(c -> c.startsWith("service motd unchanged: its socket and ")),
                    "nothing changed, nothing replaced: " + changes);

            write(motd, "new rules\n", 5);
            changes = daemon.reload(yaml);
            assertEquals(1, changes.stream().filter(c -> c.contains("file " + motd + " changed")).count(), changes.toString());
            assertTrue(changes.stream().anyMatch(c -> c.startsWith("service motd") && c.contains("file " + motd + " changed")),
                    changes.toString());
            assertTrue(changes.stream().anyMatch(c -> c.startsWith("service plain unchanged")), changes.toString());
            assertEquals("== new rules", daemon.lineClient("motd").readLine());
            assertEquals("other", daemon.lineClient("plain").readLine());

            write(banner, "** ", 10);
            changes = daemon.reload(yaml);
            assertTrue(changes.stream().anyMatch(c -> c.startsWith("service motd") && c.contains("file " + banner + " changed")),
                    "a declared input counts too: " + changes);
            assertEquals("** new rules", daemon.lineClient("motd").readLine());

            Files.delete(banner);
            List<String> refused = daemon.reloadRefused(yaml);
            assertTrue(refused.toString().contains("banner.txt cannot be read"), refused.toString());
            assertEquals("** new rules", daemon.lineClient("motd").readLine(), "a refused reload keeps the service");
        }
    }
}
