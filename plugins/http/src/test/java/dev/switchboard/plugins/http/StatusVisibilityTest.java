package dev.switchboard.plugins.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.daemon.Switchboard;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A status source is shown only to clients its own service would admit (issue 13 finding 1): a service
 * with {@code allow: [127.0.0.5]} keeps its report out of status.json for a client from 127.0.0.1.
 */
class StatusVisibilityTest {

    @TempDir
    static Path tmp;
    static Switchboard daemon;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(tmp.resolve("www"));
        Path config = tmp.resolve("switchboard.yml");
        Files.writeString(config, """
                daemon:
                  bind: 127.0.0.1
                  plugins: '%s'
                  shutdown-grace: 1s
                services:
                  http:
                    port: 0
                    root: '%s'
                  guarded:
                    protocol: guarded-report
                    port: 0
                    allow: [127.0.0.5]
                """.formatted(Files.createDirectories(tmp.resolve("plugins")), tmp.resolve("www")));
        daemon = Switchboard.builder().config(config).start();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    static String statusJsonFrom(String client) throws Exception {
        try (RawClient raw = new RawClient(InetAddress.getByName(client), daemon.port("http"))) {
            RawClient.Reply reply = raw.send("GET /_switchboard/status.json HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertEquals(200, reply.status());
            return reply.text();
        }
    }

    @Test
    void aClientTheServiceWouldRefuseDoesNotSeeItsReport() throws Exception {
        String json = statusJsonFrom("127.0.0.1");
        assertFalse(json.contains(GuardedReportProtocol.SECRET), json);
        assertFalse(json.contains("\"guarded\":"), json);
        assertTrue(json.contains("\"name\":\"guarded\""), "the service itself is still listed: " + json);
    }

    @Test
    void aClientTheServiceAdmitsSeesItsReport() throws Exception {
        String json = statusJsonFrom("127.0.0.5");
        assertTrue(json.contains("\"guarded\":{\"mac\":\"" + GuardedReportProtocol.SECRET + "\"}"), json);
    }

    @Test
    void aPluginWideSourceFollowsEveryServiceOfItsPlugin() throws Exception {
        // FakeInterfacesSource comes from the class path, like both services' protocols here.
        assertFalse(statusJsonFrom("127.0.0.1").contains("\"test-network\":"));
        assertTrue(statusJsonFrom("127.0.0.5").contains("\"test-network\":"));
    }

    @Test
    void theServiceItselfStillRefusesTheOtherClient() throws Exception {
        try (RawClient refused = new RawClient(InetAddress.getByName("127.0.0.1"), daemon.port("guarded"))) {
            assertTrue(refused.closedByServer());
        }
    }
}
