package dev.switchboard.plugins.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.daemon.Switchboard;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard page and assets, status.json and /metrics, and turning them off or moving them. */
class DashboardTest {

    @RegisterExtension
    static final SiteExtension SITE = new SiteExtension();

    static HttpResponse<byte[]> get(String path) throws Exception {
        return Client.get(SITE.port(), path);
    }

    @Test
    void servesDashboardPageAndItsAssetsFromThePluginJar() throws Exception {
        HttpResponse<byte[]> page = get("/_switchboard/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", Client.header(page, "content-type"));
        String html = Client.text(page);
        assertTrue(html.contains("<script src=\"dashboard.js\">"), html);
        assertFalse(html.contains("http://") || html.contains("https://"), "no CDN or other origin");
        HttpResponse<byte[]> script = get("/_switchboard/dashboard.js");
        assertEquals("text/javascript; charset=utf-8", Client.header(script, "content-type"));
        assertTrue(Client.text(script).contains("status.json"));
        assertEquals("text/css; charset=utf-8", Client.header(get("/_switchboard/dashboard.css"), "content-type"));
        assertEquals(404, get("/_switchboard/nothing.js").statusCode());
    }

    @Test
    void redirectsDashboardPathWithoutSlash() throws Exception {
        HttpResponse<byte[]> response = get("/_switchboard");
        assertEquals(301, response.statusCode());
        assertEquals("/_switchboard/", Client.header(response, "location"));
    }

    @Test
    void statusJsonDescribesServicesAndCountsNewConnections() throws Exception {
        long before = total(Client.text(get("/_switchboard/status.json")));
        try (RawClient raw = new RawClient(SITE.port())) {
            raw.send("GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n").read();
        }
        HttpResponse<byte[]> response = get("/_switchboard/status.json");
        assertEquals("application/json", Client.header(response, "content-type"));
        assertEquals("no-store", Client.header(response, "cache-control"));
        String json = Client.text(response);
        assertTrue(json.contains("\"name\":\"http\",\"protocol\":\"http\",\"plugin\":"), json);
        assertTrue(json.contains("\"port\":" + SITE.port()), json);
        assertTrue(json.contains("\"state\":\"RUNNING\""), json);
        assertTrue(json.matches("(?s)\\{\"version\":\"[^\"]+\",\"started\":\"[^\"]+\",\"uptimeSeconds\":\\d+,\"jvm\":.*"),
                json);
        assertTrue(total(json) >= before + 1, "totalConnections went from " + before + " to " + total(json));
    }

    @Test
    void statusJsonCarriesEveryStatusSource() throws Exception {
        String json = Client.text(get("/_switchboard/status.json"));
        assertTrue(json.contains("\"test-network\":{\"interfaces\":[{"), json);
        assertTrue(json.contains("\"addresses\":[\"127.0.0.1\",\"::1\"]"), json);
    }

    @Test
    void metricsFollowPrometheusTextFormat() throws Exception {
        get("/hello.txt");
        get("/missing");
        HttpResponse<byte[]> response = get("/metrics");
        assertEquals(200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", Client.header(response, "content-type"));
        String text = Client.text(response);
        Pattern sample = Pattern.compile("[a-z_]+(\\{([a-z_]+=\"[^\"]*\",?)+\\})? [0-9.]+");
        for (String line : text.split("\n")) {
            assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ") || sample.matcher(line).matches(), line);
        }
        assertTrue(text.contains("# TYPE switchboard_service_connections_total counter\n"), text);
        assertTrue(text.contains("switchboard_service_connections_active{service=\"http\",protocol=\"http\"} "), text);
        assertTrue(text.contains("switchboard_service_sent_bytes_total{service=\"http\",protocol=\"http\"} "), text);
        assertTrue(text.contains("switchboard_service_up{service=\"http\",protocol=\"http\"} 1\n"), text);
        assertTrue(text.contains("switchboard_http_requests_total{service=\"http\",code=\"404\"} "), text);
    }

    @Test
    void dashboardAndMetricsCanBeTurnedOffOrMoved(@TempDir java.nio.file.Path other) throws Exception {
        try (TestSite off = new TestSite(other, Map.of("dashboard", "false", "metrics-path", "/stats/prom"))) {
            assertEquals(404, Client.get(off.port(), "/_switchboard/").statusCode());
            assertEquals(404, Client.get(off.port(), "/_switchboard/status.json").statusCode());
            assertEquals(404, Client.get(off.port(), "/metrics").statusCode());
            assertEquals(200, Client.get(off.port(), "/stats/prom").statusCode());
        }
    }

    @Test
    void badSettingsAreReportedWithTheirKey(@TempDir java.nio.file.Path other) throws Exception {
        java.nio.file.Path config = other.resolve("switchboard.yml");
        Files.writeString(config, """
                daemon:
                  plugins: '%s'
                services:
                  http:
                    port: 0
                    root: '%s'
                """.formatted(Files.createDirectories(other.resolve("plugins")), other.resolve("missing")));
        List<String> problems = Switchboard.check(config);
        assertTrue(problems.stream().anyMatch(p -> p.contains("services.http.root") && p.contains("does not exist")),
                problems.toString());
        Files.writeString(config, Files.readString(config).replace("missing", "") + "    dashboard-path: no-slash\n");
        problems = Switchboard.check(config);
        assertTrue(problems.stream().anyMatch(p -> p.contains("services.http.dashboard-path")), problems.toString());
    }

    private static long total(String json) {
        Matcher m = Pattern.compile("\"name\":\"http\".*?\"totalConnections\":(\\d+)").matcher(json);
        assertTrue(m.find(), json);
        return Long.parseLong(m.group(1));
    }
}
