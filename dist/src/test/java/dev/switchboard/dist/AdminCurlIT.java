package dev.switchboard.dist;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.dist.HttpCurlIT.Curl;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged daemon's admin service as curl sees it, with netinfo limited to {@code allow: [127.0.0.5]}
 * (issue 13 finding 1): its report reaches curl from 127.0.0.5, never curl from 127.0.0.1.
 */
@Timeout(120)
class AdminCurlIT {

    static final String CONFIG = HttpCurlIT.HTTP_ONLY + """
              admin:
                port: 0
              netinfo:
                port: 0
                allow: [127.0.0.5]
            """;

    @TempDir
    static Path tmp;
    static DistributionDaemon daemon;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Curl.available(), "curl is not installed (apt-get install curl)");
        daemon = DistributionDaemon.install(tmp);
        daemon.writeConfig(CONFIG);
        daemon.start();
        base = "http://127.0.0.1:" + daemon.port("admin");
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void netinfosReportIsAbsentForAClientNetinfoWouldRefuse() throws Exception {
        String json = Curl.run("-sS", "--interface", "127.0.0.1", base + "/status.json").out();
        assertTrue(json.contains("\"name\":\"netinfo\""), "the netinfo service itself is listed: " + json);
        assertFalse(json.contains("\"network\":"), json);
        assertFalse(json.contains("\"interfaces\""), json);
    }

    @Test
    void netinfosReportIsThereForAClientNetinfoAdmits() throws Exception {
        String json = Curl.run("-sS", "--interface", "127.0.0.5", base + "/status.json").out();
        assertTrue(json.contains("\"network\":{"), json);
        assertTrue(json.contains("\"name\":\"lo\""), "the loopback interface is in the report: " + json);
    }

    @Test
    void servesTheDashboardAndMetricsAndHttpKeepsOnlyItsFiles() throws Exception {
        Curl.Result page = Curl.run("-sS", "-D", "-", base + "/");
        assertTrue(page.out().startsWith("HTTP/1.1 200 OK\r\n"), page.out());
        assertTrue(page.out().contains("<script src=\"dashboard.js\">"), page.out());
        String metrics = Curl.run("-sS", base + "/metrics").out();
        assertTrue(metrics.contains("switchboard_service_up{service=\"netinfo\",protocol=\"netinfo\"} 1\n"), metrics);
        String http = "http://127.0.0.1:" + daemon.port("http");
        assertTrue(Curl.run("-sS", "-o", "/dev/null", "-w", "%{http_code}", http + "/_switchboard/status.json")
                .out().equals("404"), "the http service no longer serves status");
    }
}
