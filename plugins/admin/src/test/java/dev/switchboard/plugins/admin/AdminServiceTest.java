package dev.switchboard.plugins.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.ConfigAssertions;
import dev.switchboard.testkit.TestDaemon;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin service over real sockets: the dashboard's files at /, status.json, /metrics, and what it refuses. */
class AdminServiceTest {

    @TempDir
    static Path tmp;
    static TestDaemon daemon;

    @BeforeAll
    static void start() throws Exception {
        daemon = TestDaemon.withConfig(AdminConfig.yaml(tmp, "allowed-hosts: [pi.local]", "")).start();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    static HttpExchange.Answer get(String path) throws Exception {
        return HttpExchange.get(daemon.port("admin"), path);
    }

    @Test
    void servesTheDashboardPageAndItsAssetsFromThePluginJar() throws Exception {
        HttpExchange.Answer page = get("/");
        assertEquals(200, page.status());
        assertEquals("text/html; charset=utf-8", page.field("content-type"));
        assertTrue(page.body().contains("<script src=\"dashboard.js\">"), page.body());
        assertFalse(page.body().contains("http://") || page.body().contains("https://"), "no CDN or other origin");
        assertEquals("default-src 'self'; frame-ancestors 'none'", page.field("content-security-policy"));
        HttpExchange.Answer script = get("/dashboard.js");
        assertEquals("text/javascript; charset=utf-8", script.field("content-type"));
        assertTrue(script.body().contains("status.json"));
        assertEquals("text/css; charset=utf-8", get("/dashboard.css").field("content-type"));
        assertEquals(200, get("/index.html?x=1").status());
        assertEquals(404, get("/nothing.js").status());
        assertEquals(404, get("/_switchboard/").status());
    }

    @Test
    void statusJsonDescribesServicesAndCountsNewConnections() throws Exception {
        long before = total(get("/status.json").body(), "http");
        HttpExchange.get(daemon.port("http"), "/hello.txt");
        HttpExchange.Answer answer = get("/status.json");
        assertEquals("application/json", answer.field("content-type"));
        assertEquals("no-store", answer.field("cache-control"));
        String json = answer.body();
        assertTrue(json.contains("\"name\":\"admin\",\"protocol\":\"admin\",\"plugin\":"), json);
        assertTrue(json.contains("\"port\":" + daemon.port("http")), json);
        assertTrue(json.contains("\"stuckHandlers\":0,\"failedHandlers\":0,\"failedPluginCalls\":0"), json);
        assertTrue(json.matches("(?s)\\{\"version\":\"[^\"]+\",\"started\":\"[^\"]+\",\"uptimeSeconds\":\\d+,\"jvm\":.*"),
                json);
        assertEquals(before + 1, total(json, "http"));
    }

    @Test
    void statusJsonCarriesEveryStatusSource() throws Exception {
        String json = get("/status.json").body();
        assertTrue(json.contains("\"test-network\":{\"interfaces\":[{"), json);
        assertTrue(json.contains("\"addresses\":[\"127.0.0.1\",\"::1\"]"), json);
        assertTrue(json.contains("\"http-requests\":{\"service\":\"http\",\"byStatus\":{"), json);
    }

    @Test
    void metricsFollowPrometheusTextFormatAndKeepTheirNames() throws Exception {
        int http = daemon.port("http");
        HttpExchange.get(http, "/hello.txt");
        HttpExchange.get(http, "/missing");
        HttpExchange.Answer answer = get("/metrics");
        assertEquals(200, answer.status());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", answer.field("content-type"));
        String text = answer.body();
        Pattern sample = Pattern.compile("[a-z_]+(\\{([a-z_]+=\"[^\"]*\",?)+\\})? [0-9.]+");
        for (String line : text.split("\n")) {
            assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ") || sample.matcher(line).matches(), line);
        }
        assertTrue(text.contains("# TYPE switchboard_service_connections_total counter\n"), text);
        assertTrue(text.contains("switchboard_service_connections_active{service=\"admin\",protocol=\"admin\"} 1\n"), text);
        assertTrue(text.contains("switchboard_service_sent_bytes_total{service=\"http\",protocol=\"http\"} "), text);
        assertTrue(text.contains("switchboard_service_up{service=\"http\",protocol=\"http\"} 1\n"), text);
        assertTrue(text.contains("# TYPE switchboard_service_plugin_call_failures_total counter\n"), text);
        assertTrue(text.contains("switchboard_service_plugin_call_failures_total{service=\"http\",protocol=\"http\"} 0\n"),
                text);
        Matcher notFound = Pattern.compile("switchboard_http_requests_total\\{service=\"http\",code=\"404\"} (\\d+)\n")
                .matcher(text);
        assertTrue(notFound.find(), text);
        assertTrue(Long.parseLong(notFound.group(1)) >= 1);
    }

    @Test
    void onlyGetAndHeadAreAnswered() throws Exception {
        try (HttpExchange exchange = new HttpExchange("127.0.0.1", daemon.port("admin"))) {
            HttpExchange.Answer answer = exchange.send("POST /status.json HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Length: 2\r\n\r\n{}").read(false);
            assertEquals(405, answer.status());
            assertEquals("GET, HEAD", answer.field("allow"));
            assertTrue(exchange.closedByServer(), "a request with a body is answered, then the connection closed");
        }
        try (HttpExchange exchange = new HttpExchange("127.0.0.1", daemon.port("admin"))) {
            HttpExchange.Answer head = exchange.send("HEAD /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n").read(true);
            assertEquals(200, head.status());
            assertTrue(Integer.parseInt(head.field("content-length")) > 100);
            // Keep-alive: the next request on the same connection is answered too, and the HEAD sent no body.
            HttpExchange.Answer next = exchange.send("GET /status.json HTTP/1.1\r\nHost: localhost\r\n\r\n").read(false);
            assertEquals(200, next.status());
            assertTrue(next.body().startsWith("{\"version\":"), next.body());
        }
    }

    @Test
    void aHostNameNotOfThisMachineIsRefusedAgainstDnsRebinding() throws Exception {
        for (String host : List.of("evil.example:7070", "attacker.test")) {
            try (HttpExchange exchange = new HttpExchange("127.0.0.1", daemon.port("admin"))) {
                HttpExchange.Answer answer = exchange.send("GET /status.json HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
                        .read(false);
                assertEquals(403, answer.status(), host);
                assertTrue(answer.body().contains("allowed-hosts"), answer.body());
                assertFalse(answer.body().contains("\"services\""));
            }
        }
        for (String host : List.of("localhost:7070", "127.0.0.1", "[::1]:7070", "PI.local:7070")) {
            try (HttpExchange exchange = new HttpExchange("127.0.0.1", daemon.port("admin"))) {
                assertEquals(200, exchange.send("GET /status.json HTTP/1.1\r\nHost: " + host + "\r\n\r\n").read(false)
                        .status(), host);
            }
        }
    }

    @Test
    void malformedRequestsGet400AndTheConnectionCloses() throws Exception {
        for (String request : List.of("GARBAGE\r\n\r\n", "GET / HTTP/1.1\r\nHost: localhost\r\nno colon\r\n\r\n",
                "GET /" + "a".repeat(9000) + " HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\r\n" + "X-A: b\r\n".repeat(101) + "\r\n")) {
            try (HttpExchange exchange = new HttpExchange("127.0.0.1", daemon.port("admin"))) {
                HttpExchange.Answer answer = exchange.send(request).read(false);
                assertEquals(400, answer.status(), request);
                assertTrue(exchange.closedByServer());
            }
        }
        assertEquals(200, get("/status.json").status(), "the service goes on");
    }

    @Test
    void badSettingsAreReportedWithTheirKey() {
        List<String> problems = TestDaemon.withConfig("""
                services:
                  admin:
                    port: 0
                    allowed-hosts: ["http://pi.local/"]
                """).check();
        ConfigAssertions.assertProblem(problems, "services.admin.allowed-hosts", "host name");
    }

    private static long total(String json, String service) {
        Matcher m = Pattern.compile("\"name\":\"" + service + "\".*?\"totalConnections\":(\\d+)").matcher(json);
        assertTrue(m.find(), json);
        return Long.parseLong(m.group(1));
    }
}
