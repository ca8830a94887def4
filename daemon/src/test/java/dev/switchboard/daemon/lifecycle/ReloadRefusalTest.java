package dev.switchboard.daemon.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.ServiceStatus.State;
import dev.switchboard.daemon.testing.LineClient;
import dev.switchboard.daemon.testing.RunningDaemon;
import dev.switchboard.daemon.testing.TestConfigs;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that once ended the running daemon on reload are refused like any other bad file: the report
 * names the line, and the service and its connected client carry on untouched.
 */
@Timeout(60)
class ReloadRefusalTest {

    private static final String GOOD = """
            daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
            services:
              unmoved: {protocol: lines, port: 0, prefix: "u:"}
            """;

    @TempDir
    Path tmp;
    RunningDaemon daemon;
    LineClient client;
    int port;

    @BeforeEach
    void start() throws Exception {
        daemon = RunningDaemon.start(tmp, GOOD);
        port = daemon.port("unmoved");
        client = daemon.client("unmoved");
        assertEquals("u:before", client.ask("before"));
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    private ReloadReport reload(String yaml) {
        TestConfigs.write(tmp, yaml);
        return daemon.switchboard().reload();
    }

    private void assertRefusedAndUntouched(ReloadReport report, String problem) throws Exception {
        assertFalse(report.applied(), report.toString());
        assertTrue(report.problems().stream().anyMatch(p -> p.contains(problem)), report.toString());
        assertEquals("u:after", client.ask("after"), "the connected client is served as before");
        try (LineClient fresh = LineClient.connect(port)) {
            assertEquals("u:new", fresh.ask("new"), "the service still accepts on its port");
        }
        assertEquals(State.RUNNING, daemon.status("unmoved").state());
    }

    @Test
    void aRecursiveAliasIsRefused() throws Exception {
        assertRefusedAndUntouched(reload(GOOD + "x: &a [*a]\n"), "switchboard.yml:4: recursive alias");
    }

    @Test
    void anAliasBombIsRefused() throws Exception {
        StringBuilder bomb = new StringBuilder(GOOD).append("l0: &a0 [x, x, x]\n");
        for (int i = 1; i <= 16; i++) {
            bomb.append("l%d: &a%d [*a%d, *a%d, *a%d]\n".formatted(i, i, i - 1, i - 1, i - 1));
        }
        assertRefusedAndUntouched(reload(bomb.toString()), "values once aliases (*name) are expanded");
    }

    @Test
    void deepNestingIsRefused() throws Exception {
        assertRefusedAndUntouched(reload(GOOD + "x: " + "[".repeat(5000) + "]".repeat(5000) + "\n"), "nested more than");
    }
}
