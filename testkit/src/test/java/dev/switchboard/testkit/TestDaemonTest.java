package dev.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.ServiceStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fixture in class-path mode, its clients and config assertions, against the real daemon. */
@Timeout(60)
class TestDaemonTest {

    private static final String GREETER = """
            services:
              greeter:
                port: 0
                greeting: hi
              reverse:
                port: 0
            """;

    @Test
    void servesTheClassPathsProtocolsOnLoopbackPorts() {
        try (TestDaemon daemon = TestDaemon.withConfig(GREETER).start()) {
            LineClient client = daemon.lineClient("greeter");
            client.send("world");
            client.expectLine("hi, world");
            assertEquals("42", client.send("there 42").expectLine(Pattern.compile("hi, there (\\d+)")).group(1));
            RawClient raw = daemon.rawClient("reverse");
            raw.send(new byte[] {3, 'a', 'b', 'c'});
            raw.expect(new byte[] {'c', 'b', 'a'});
            daemon.awaitActiveClients("greeter", 1);
            assertEquals(ServiceStatus.State.RUNNING, daemon.serviceStatus("reverse").state());
        }
    }

    @Test
    void aMissedExpectationSaysWhatArrived() {
        try (TestDaemon daemon = TestDaemon.withConfig(GREETER).start()) {
            LineClient client = daemon.lineClient("greeter");
            client.send("world");
            AssertionError e = assertThrows(AssertionError.class, () -> client.expectLine("hello, world"));
            assertEquals("expected the line 'hello, world' but got 'hi, world'", e.getMessage());
            RawClient raw = daemon.rawClient("reverse").timeout(java.time.Duration.ofMillis(300));
            raw.send(new byte[] {5, 'a'});
            e = assertThrows(AssertionError.class, () -> raw.readExactly(1));
            assertTrue(e.getMessage().startsWith("got 0 of 1 bytes within 300 ms"), e.getMessage());
        }
    }

    @Test
    void reloadAppliesANewConfigurationAndReportsARefusedOne() {
        try (TestDaemon daemon = TestDaemon.withConfig(GREETER).start()) {
            List<String> changes = daemon.reload(GREETER.replace("greeting: hi", "greeting: hey"));
            assertTrue(changes.stream().anyMatch(c -> c.contains("greeter")), changes.toString());
            daemon.lineClient("greeter").send("you").expectLine("hey, you");
            List<String> problems = daemon.reloadRefused(GREETER.replace("port: 0\n    greeting", "port: -1\n    greeting"));
            ConfigAssertions.assertProblem(problems, "services.greeter.port", "");
            daemon.lineClient("greeter").send("still").expectLine("hey, still");
        }
    }

    @Test
    void aRefusedConfigurationFailsStartWithTheDaemonsMessage() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> TestDaemon.withConfig("services:\n  greeter:\n    port: 0\n    protocol: nosuch\n").start());
        assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
    }

    @Test
    void configAssertionsFindAProblemByKeyAndMessageWithoutItsLine() {
        List<String> problems = TestDaemon.withConfig(GREETER.replace("greeting: hi", "greting: hi")).check();
        String problem = ConfigAssertions.assertProblem(problems, "services.greeter.greting", "greeting");
        assertTrue(problem.matches(".*switchboard\\.yml:\\d+: services\\.greeter\\.greting: .*"), problem);
        AssertionError e = assertThrows(AssertionError.class,
                () -> ConfigAssertions.assertProblem(problems, "services.greeter.greeting", "greting"));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        ConfigAssertions.assertNoProblems(TestDaemon.withConfig(GREETER).check());
        assertThrows(AssertionError.class, () -> ConfigAssertions.assertNoProblems(problems));
    }

    @Test
    void aProblemsLineIsTheLineOfTheYamlTheTestWrote() {
        String yaml = "services:\n  greeter:\n    port: 0\n    greeting: hi\n    retries: many\n";
        List<String> problems = TestDaemon.withConfig(yaml).check();
        String problem = ConfigAssertions.assertProblemOnItsLine(problems, yaml, "services.greeter.retries", "");
        assertTrue(problem.contains("switchboard.yml:5: "), problem);
        // The same problem against YAML where line 5 holds another key: the line is checked, not assumed.
        String shifted = "services:\n  greeter:\n    port: 0\n    retries: many\n    greeting: hi\n";
        AssertionError e = assertThrows(AssertionError.class,
                () -> ConfigAssertions.assertProblemOnItsLine(problems, shifted, "services.greeter.retries", ""));
        assertTrue(e.getMessage().contains("names line 5, which does not hold 'retries:'"), e.getMessage());
    }

    @Test
    void closeRemovesTheTemporaryHomeAndStopsListening() throws Exception {
        Path home;
        int port;
        try (TestDaemon daemon = TestDaemon.withConfig(GREETER).start()) {
            home = daemon.home();
            port = daemon.port("greeter");
            assertTrue(Files.isDirectory(daemon.pluginsDirectory()));
        }
        assertTrue(Files.notExists(home), home + " is left");
        assertThrows(java.io.UncheckedIOException.class, () -> LineClient.connect("127.0.0.1", port));
    }
}
