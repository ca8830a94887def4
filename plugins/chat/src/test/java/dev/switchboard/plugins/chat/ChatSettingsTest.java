package dev.switchboard.plugins.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.ConfigAssertions;
import dev.switchboard.testkit.TestDaemon;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What `switchboard check` says about a chat service's settings. */
class ChatSettingsTest {

    private static final String CHAT = """
            services:
              chat:
                port: 6667
            """;

    private static List<String> check(String chatSection) {
        return TestDaemon.withConfig(CHAT + chatSection).check();
    }

    @Test
    void acceptsEverySettingTheShippedConfigurationShows() {
        ConfigAssertions.assertNoProblems(check("""
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
    void refusesAnInvalidDefaultRoomWithItsLine() {
        String section = "    default-room: \"main hall\"\n";
        List<String> problems = check(section);
        assertEquals(1, problems.size(), problems.toString());
        String message = "'main hall' is not a room name: 1-20 letters, digits, _ or -";
        String problem = ConfigAssertions.assertProblemOnItsLine(problems, CHAT + section, "services.chat.default-room",
                message);
        assertTrue(problem.endsWith(message), problem);
    }

    @Test
    void refusesAnOutOfRangeLimit() {
        List<String> problems = check("    max-line: 10\n");
        assertEquals(1, problems.size(), problems.toString());
        String message = "10 is out of range (64 to 65536)";
        assertTrue(ConfigAssertions.assertProblem(problems, "services.chat.max-line", message).endsWith(message),
                problems.toString());
    }

    @Test
    void reportsAMisspeltKey() {
        List<String> problems = check("    flood-brust: 3\n");
        assertEquals(1, problems.size(), problems.toString());
        ConfigAssertions.assertProblem(problems, "services.chat.flood-brust", "unknown key");
    }
}
