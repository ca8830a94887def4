package dev.switchboard.plugins.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.TestDaemon;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A status source is shown only to clients its own service would admit (issue 13 finding 1): a service
 * with {@code allow: [127.0.0.5]} keeps its report out of the admin service's status.json for a client from
 * 127.0.0.1, though the admin service admits both.
 */
class StatusVisibilityTest {

    @TempDir
    static Path tmp;
    static TestDaemon daemon;

    @BeforeAll
    static void start() throws Exception {
        daemon = TestDaemon.withConfig(AdminConfig.withGuardedService(tmp)).start();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    static String statusJsonFrom(String client) throws Exception {
        HttpExchange.Answer answer = HttpExchange.getFrom(client, daemon.port("admin"), "/status.json");
        assertEquals(200, answer.status());
        return answer.body();
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
        try (HttpExchange refused = new HttpExchange("127.0.0.1", daemon.port("guarded"))) {
            assertTrue(refused.closedByServer());
        }
    }
}
