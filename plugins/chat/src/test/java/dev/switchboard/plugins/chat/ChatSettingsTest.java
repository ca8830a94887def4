package dev.switchboard.plugins.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.daemon.Switchboard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `switchboard check` says about a chat service's settings. */
class ChatSettingsTest {

    @TempDir
    Path tmp;

    private List<String> check(String chatSection) throws Exception {
        Path config = tmp.resolve("switchboard.yml");
        Files.writeString(config, """
                daemon:
                  plugins: %s
                services:
                  chat:
                    port: 6667
                """.formatted(Files.createDirectories(tmp.resolve("plugins"))) + chatSection);
        return Switchboard.check(config);
    }

    @Test
    void acceptsEverySettingTheShippedConfigurationShows() throws Exception {
        assertEquals(List.of(), check("""
                    motd: |
                      line one
                      line two
                    default-room: lobby
                    max-line: 512
                    max-queued: 256
                    flood-burst: 5
                    flood-interval: 1s
                    login-timeout: 1m
                    shutdown-message: "* server is shutting down"
                """));
    }

    @Test
    void refusesAnInvalidDefaultRoomWithItsLine() throws Exception {
        List<String> problems = check("    default-room: \"main hall\"\n");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).endsWith("switchboard.yml:6: services.chat.default-room: 'main hall' is not a room "
                + "name: 1-20 letters, digits, _ or -"), problems.toString());
    }

    @Test
    void refusesAnOutOfRangeLimit() throws Exception {
        List<String> problems = check("    max-line: 10\n");
        assertEquals(List.of("services.chat.max-line: 10 is out of range (64 to 65536)"),
                problems.stream().map(p -> p.substring(p.indexOf("services."))).toList());
    }

    @Test
    void reportsAMisspeltKey() throws Exception {
        List<String> problems = check("    flood-brust: 3\n");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("services.chat.flood-brust: unknown key"), problems.toString());
    }
}
