package ${package};

import dev.switchboard.testkit.ConfigAssertions;
import dev.switchboard.testkit.LineClient;
import dev.switchboard.testkit.TestDaemon;
import org.junit.jupiter.api.Test;

/** The protocol served by the real daemon from the class path, over loopback sockets. */
class ${protocolClass}ServiceTest {

    @Test
    void greetsAClientWithTheConfiguredGreeting() {
        try (TestDaemon daemon = TestDaemon.withConfig("""
                services:
                  ${protocol}:
                    port: 0
                    greeting: hi
                """).start()) {
            LineClient client = daemon.lineClient("${protocol}");
            client.send("world");
            client.expectLine("hi, world");
            client.send("quit");
            client.expectLine("bye");
            client.expectClosed();
        }
    }

    @Test
    void anEmptyGreetingIsAConfigurationError() {
        ConfigAssertions.assertProblem(TestDaemon.withConfig("""
                services:
                  ${protocol}:
                    port: 0
                    greeting: " "
                """).check(), "services.${protocol}.greeting", "must not be empty");
    }
}
