package dev.switchboard.plugins.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.TestDaemon;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The admin service's picture of what is happening (issue 13 build 3-5, 7): who is connected, why clients
 * were refused, the recent WARN lines, the last minutes' history and the new metrics; each service's
 * clients and refusals only for a viewer its own access rules admit.
 */
class ActivityTest {

    @TempDir
    static Path tmp;
    static String yaml;
    static TestDaemon daemon;

    @BeforeAll
    static void start() throws Exception {
        yaml = AdminConfig.withGuardedService(tmp);
        daemon = TestDaemon.withConfig(yaml).start();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    static String get(String from, String path) throws Exception {
        HttpExchange.Answer answer = HttpExchange.getFrom(from, daemon.port("admin"), path);
        assertEquals(200, answer.status());
        return answer.body();
    }

    /** @return the part of status.json about one service's activity */
    static String activityOf(String json, String service) {
        int at = json.indexOf("{\"service\":\"" + service + "\",\"clients\"");
        return at < 0 ? "" : json.substring(at, json.indexOf("\"durations\"", at));
    }

    @Test
    void aConnectedClientIsListedWithItsAddress() throws Exception {
        try (Socket idle = new Socket(InetAddress.getLoopbackAddress(), daemon.port("http"))) {
            String address = "127.0.0.1:" + idle.getLocalPort();
            String http = "";
            for (int i = 0; i < 50 && !http.contains(address); i++) {
                http = activityOf(get("127.0.0.1", "/status.json"), "http");
                Thread.sleep(100);
            }
            assertTrue(http.contains("\"address\":\"" + address + "\""), http);
            assertTrue(http.contains("\"idleSeconds\":"), http);
        }
    }

    @Test
    void aServicesClientsAndRefusalsAreShownOnlyToWhomItAdmits() throws Exception {
        try (Socket refused = new Socket(InetAddress.getLoopbackAddress(), daemon.port("guarded"))) {
            refused.getInputStream().read(); // the deny: the server closes
        }
        String admitted = "";
        for (int i = 0; i < 50 && !admitted.contains("\"denied\":1"); i++) {
            admitted = activityOf(get("127.0.0.5", "/status.json"), "guarded");
            Thread.sleep(100);
        }
        assertTrue(admitted.contains("\"refusedByReason\":{\"denied\":1,"), admitted);
        assertEquals("", activityOf(get("127.0.0.1", "/status.json"), "guarded"), "hidden from 127.0.0.1");
        assertTrue(get("127.0.0.5", "/metrics").contains(
                "switchboard_service_refusals_total{service=\"guarded\",protocol=\"guarded-report\",reason=\"denied\"} 1"));
        assertFalse(get("127.0.0.1", "/metrics").contains("service=\"guarded\",protocol=\"guarded-report\",reason="));
    }

    @Test
    void anErrorOfTheDaemonsLogIsListedEscaped() throws Exception {
        // ERROR: with no log4j2 file on this test class path, Log4j's default configuration drops WARN.
        LoggerFactory.getLogger("dev.switchboard.test").error("disk nearly full <script>alert(1)</script>");
        String json = get("127.0.0.1", "/status.json");
        Matcher m = Pattern.compile("\"recentTrouble\":\\[\\{\"time\":\"[^\"]+\",\"level\":\"ERROR\","
                + "\"logger\":\"dev.switchboard.test\",\"message\":\"disk nearly full \\\\u003cscript>").matcher(json);
        assertTrue(m.find(), json);
    }

    @Test
    void theHistoryHasConnectsPerSecondAfterTwoSamples() throws Exception {
        String json = "";
        for (int i = 0; i < 300 && !json.contains("{\"name\":\"http\",\"intervalSeconds\":5,\"times\":[1"); i++) {
            get("127.0.0.1", "/status.json"); // traffic for the admin service's own history
            json = get("127.0.0.1", "/status.json");
            Thread.sleep(100);
        }
        int admin = json.indexOf("{\"name\":\"admin\",\"intervalSeconds\":5");
        assertTrue(admin >= 0, json);
        Matcher connects = Pattern.compile("\"connects/s\":\\[([0-9.]+)").matcher(json.substring(admin));
        assertTrue(connects.find(), json);
        assertTrue(Double.parseDouble(connects.group(1)) > 0, "admin had connects in the first interval: " + json);
        assertTrue(json.substring(admin).contains("\"refused/s:denied\":["), json);
    }

    @Test
    void metricsCountReloadsAndNameEachPlugin() throws Exception {
        String metrics = get("127.0.0.1", "/metrics");
        assertTrue(metrics.contains("switchboard_reloads_total{outcome=\"applied\"} 0"), metrics);
        assertTrue(metrics.contains("switchboard_service_connection_duration_seconds_bucket{service=\"admin\","
                + "protocol=\"admin\",le=\"+Inf\"}"), metrics);
        daemon.reload(yaml);
        assertTrue(get("127.0.0.1", "/metrics").contains("switchboard_reloads_total{outcome=\"applied\"} 1"));
    }
}
