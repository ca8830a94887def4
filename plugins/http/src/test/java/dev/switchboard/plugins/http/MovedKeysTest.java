package dev.switchboard.plugins.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.daemon.Switchboard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard and metrics keys of 0.1.0 are an error that says where they went: the admin service. */
class MovedKeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"dashboard: true", "dashboard-path: /_switchboard/", "metrics: false", "metrics-path: /metrics"})
    void anOldDashboardOrMetricsKeyNamesTheAdminService(String line, @TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("switchboard.yml");
        Files.writeString(config, """
                daemon:
                  plugins: '%s'
                services:
                  http:
                    port: 0
                    root: '%s'
                    %s
                """.formatted(Files.createDirectories(tmp.resolve("plugins")), Files.createDirectories(tmp.resolve("www")),
                line));
        String key = line.substring(0, line.indexOf(':'));
        List<String> problems = Switchboard.check(config);
        assertTrue(problems.stream().anyMatch(p -> p.contains(":7: services.http." + key + ": ")
                && p.contains("moved to the admin service")), problems.toString());
    }
}
