package dev.switchboard.plugins.http;

import dev.switchboard.testkit.ConfigAssertions;
import dev.switchboard.testkit.TestDaemon;
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
        List<String> problems = TestDaemon.withConfig("""
                services:
                  http:
                    port: 0
                    root: '%s'
                    %s
                """.formatted(Files.createDirectories(tmp.resolve("www")), line)).check();
        String key = line.substring(0, line.indexOf(':'));
        ConfigAssertions.assertProblem(problems, "services.http." + key, "moved to the admin service");
    }
}
