package dev.switchboard.plugins.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.testkit.TestDaemon;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics passes Prometheus' own linter, {@code promtool check metrics} (Debian: apt-get install prometheus). */
class PromtoolTest {

    @Test
    void metricsPassPromtoolCheck(@TempDir Path tmp) throws Exception {
        assumeTrue(onPath("promtool"), "promtool is not installed (apt-get install prometheus)");
        try (TestDaemon daemon = TestDaemon.withConfig(AdminConfig.yaml(tmp, "", """
                  web:
                    protocol: http
                    port: 0
                    root: '%s'
                """.formatted(tmp.resolve("www")))).start()) {
            HttpExchange.get(daemon.port("http"), "/hello.txt");
            HttpExchange.get(daemon.port("web"), "/missing");
            String metrics = HttpExchange.get(daemon.port("admin"), "/metrics").body();
            assertTrue(metrics.contains("switchboard_http_requests_total{service=\"web\",code=\"404\"} 1\n"), metrics);
            Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
            try (OutputStream in = promtool.getOutputStream()) {
                in.write(metrics.getBytes(StandardCharsets.UTF_8));
            }
            try {
                String report = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(promtool.waitFor(30, TimeUnit.SECONDS), "promtool did not finish");
                assertEquals("", report.strip(), metrics);
                assertEquals(0, promtool.exitValue(), report);
            } finally {
                promtool.destroyForcibly();
            }
        }
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
