package dev.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.greeter.GreeterProtocol;
import dev.switchboard.testkit.tally.TallyProtocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ServiceContext.pluginState}: the tally plugin numbers its clients with one counter shared by
 * all its services. The counter survives a reload that replaces a service, and one that adds another
 * plugin; it starts afresh when the tally JAR is upgraded, and the old one is closed.
 */
@Timeout(60)
class PluginStateTest {

    private static final String CONFIG = """
            services:
              tally: {port: 0, greeting: %s}
            """;

    @TempDir
    Path tmp;
    private Path journal;

    @BeforeEach
    void journal() {
        journal = tmp.resolve("journal");
        System.setProperty("tally.journal", journal.toString());
    }

    @AfterEach
    void noJournal() {
        System.clearProperty("tally.journal");
    }

    private static void expect(TestDaemon daemon, String service, String line) {
        try (LineClient client = daemon.lineClient(service)) {
            client.expectLine(line);
        }
    }

    @Test
    void theStateOutlivesAServiceReplacedByAReloadAndIsSharedByThePluginsServices() {
        try (TestDaemon daemon = TestDaemon.withConfig(CONFIG.formatted("client")).start()) {
            expect(daemon, "tally", "client 1");
            expect(daemon, "tally", "client 2");

            List<String> changes = daemon.reload(CONFIG.formatted("visitor") + "  also: {protocol: tally, port: 0}\n");
            assertTrue(changes.stream().anyMatch(c -> c.startsWith("service tally replaced")), changes.toString());

            expect(daemon, "tally", "visitor 3");
            expect(daemon, "also", "client 4");
        }
    }

    @Test
    void aPackagedPluginKeepsItsStateUntilItsJarIsUpgraded() throws Exception {
        Path v1 = TestJars.plugin(tmp.resolve("tally-1.0.0.jar"), "tally", "1.0.0", TallyProtocol.class);
        try (TestDaemon daemon = TestDaemon.withConfig(CONFIG.formatted("client")).packagedPlugin(v1).start()) {
            expect(daemon, "tally", "client 1");

            daemon.reload(CONFIG.formatted("visitor"));
            expect(daemon, "tally", "visitor 2");

            // Another plugin arrives: the unchanged tally JAR is kept, classes, instance and state.
            TestJars.plugin(daemon.pluginsDirectory().resolve("greeter-1.0.0.jar"), "greeter", "1.0.0",
                    GreeterProtocol.class);
            List<String> added = daemon.reload(CONFIG.formatted("visitor") + "  greeter: {port: 0}\n");
            assertTrue(added.stream().anyMatch(c -> c.startsWith("service tally unchanged")), added.toString());
            expect(daemon, "tally", "visitor 3");
            assertFalse(Files.exists(journal), "nothing closed the state yet");

            // An upgrade: the new version starts afresh; the old state is closed once nothing uses the old JAR.
            Files.delete(daemon.pluginsDirectory().resolve("tally-1.0.0.jar"));
            TestJars.plugin(daemon.pluginsDirectory().resolve("tally-1.0.1.jar"), "tally", "1.0.1", TallyProtocol.class);
            List<String> upgraded = daemon.reload(CONFIG.formatted("visitor") + "  greeter: {port: 0}\n");
            assertTrue(upgraded.stream().anyMatch(c -> c.contains("updated from 1.0.0 to 1.0.1")), upgraded.toString());
            expect(daemon, "tally", "visitor 1");
            assertEquals("closed after 3 clients\n", awaitJournal());
        }
    }

    private String awaitJournal() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(journal) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return Files.exists(journal) ? Files.readString(journal) : "(no journal: the old state was never closed)";
    }
}
