package dev.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A plugin's background work runs on the daemon's threads and ends with its service. */
@Timeout(60)
class BackgroundWorkTest {

    private static final String CONFIG = """
            services:
              ticker:
                port: 0
                tag: %s
            """;

    @Test
    void periodicWorkRunsWhileTheServiceDoesAndStopsWhenAReloadReplacesIt() throws Exception {
        TickerProtocol.TICKS.clear();
        List<String> problems = TestDaemon.withConfig(CONFIG.formatted("checked")).check();
        ConfigAssertions.assertNoProblems(problems);
        try (TestDaemon daemon = TestDaemon.withConfig(CONFIG.formatted("first")).start()) {
            Thread.sleep(300);
            Matcher answer = daemon.lineClient("ticker")
                    .expectLine(Pattern.compile("first (\\d+) on-a-daemon-thread"));
            assertTrue(Integer.parseInt(answer.group(1)) >= 3, "ticked: " + answer.group(1));

            daemon.reload(CONFIG.formatted("second"));
            int firstAtReload = TickerProtocol.TICKS.get("first").get();
            Thread.sleep(400);
            assertTrue(TickerProtocol.TICKS.get("first").get() <= firstAtReload + 1,
                    "the replaced service's work stopped: " + firstAtReload + " -> " + TickerProtocol.TICKS.get("first"));
            assertTrue(TickerProtocol.TICKS.get("second").get() >= 5, "the new service's work runs");
            daemon.lineClient("ticker").expectLine(Pattern.compile("second \\d+ on-a-daemon-thread"));
        }
        int secondAtStop = TickerProtocol.TICKS.get("second").get();
        Thread.sleep(200);
        assertEquals(secondAtStop, TickerProtocol.TICKS.get("second").get(), "no work after the daemon stopped");
        // The check opened the service, and its open() scheduled work, but nothing ran for it.
        assertEquals(0, TickerProtocol.TICKS.getOrDefault("checked", new java.util.concurrent.atomic.AtomicInteger()).get());
    }
}
