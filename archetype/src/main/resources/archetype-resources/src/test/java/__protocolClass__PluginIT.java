package ${package};

import dev.switchboard.testkit.LineClient;
import dev.switchboard.testkit.TestDaemon;
import org.junit.jupiter.api.Test;

/**
 * The JAR in target/, loaded from a plugins directory exactly as an installed daemon loads it: catches
 * what class-path tests cannot (no extensions.idx, the API bundled, a Plugin-Requires that excludes the
 * daemon). Runs after the package phase: {@code mvn verify}.
 */
class ${protocolClass}PluginIT {

    @Test
    void thePackagedJarServesTheProtocol() {
        try (TestDaemon daemon = TestDaemon.withConfig("""
                services:
                  ${protocol}:
                    port: 0
                """).packagedPlugin().start()) {
            LineClient client = daemon.lineClient("${protocol}");
            client.send("from the JAR");
            client.expectLine("hello, from the JAR");
        }
    }
}
