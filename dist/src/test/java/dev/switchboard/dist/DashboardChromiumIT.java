package dev.switchboard.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin service's dashboard of the packaged daemon in headless Chromium: it renders, it updates live,
 * and it leaves out the report of netinfo, which allows only 127.0.0.5 while Chromium comes from 127.0.0.1.
 */
@Timeout(180)
class DashboardChromiumIT {

    /** http and echo, chat for its "chat" status source, and netinfo, whose "network" Chromium may not see. */
    private static final String CONFIG = AdminCurlIT.CONFIG + """
              chat:
                port: 0
            """;

    private static final String TOTAL = "document.querySelector('tr[data-service=\"echo\"] td.total')?.textContent ?? ''";

    @TempDir
    Path tmp;

    @Test
    void dashboardShowsANewConnectionWithoutReloading() throws Exception {
        assumeTrue(HeadlessChromium.available(), "chromium is not installed (apt-get install chromium)");
        try (DistributionDaemon daemon = DistributionDaemon.install(tmp)) {
            daemon.writeConfig(CONFIG);
            daemon.start();
            String dashboard = "http://127.0.0.1:" + daemon.port("admin") + "/";
            try (HeadlessChromium chromium = HeadlessChromium.start(tmp.resolve("profile"));
                    HeadlessChromium.Page page = chromium.open(dashboard)) {
                String before = awaitValue(page, TOTAL, v -> !v.isEmpty(), "the echo service's row");
                String summary = page.evaluate("document.getElementById('daemon').textContent");
                assertTrue(summary.startsWith("Switchboard 0.1.0 \u00b7 up "), summary);
                assertEquals("RUNNING", page.evaluate(
                        "document.querySelector('tr[data-service=\"http\"] td.state').textContent"));

                String sections = awaitValue(page,
                        "[...document.querySelectorAll('#sources h2')].map(h => h.textContent).join(',')",
                        v -> v.contains("chat"), "the chat status source's section");
                assertFalse(sections.contains("network"), "netinfo's report shown to a client netinfo refuses: " + sections);
                assertEquals("RUNNING", page.evaluate(
                        "document.querySelector('tr[data-service=\"netinfo\"] td.state').textContent"));

                echoOnce(daemon.port("echo"));
                String after = awaitValue(page, TOTAL, v -> !v.equals(before), "a live update of the echo row");
                assertEquals(Long.parseLong(before) + 1, Long.parseLong(after));

                // Who is connected: a client that stays, listed by its address and port.
                try (Socket staying = new Socket(InetAddress.getLoopbackAddress(), daemon.port("echo"))) {
                    String address = "127.0.0.1:" + staying.getLocalPort();
                    awaitValue(page, "[...document.querySelectorAll('table.clients[data-service=\"echo\"] td.address')]"
                            + ".map(td => td.textContent).join(',')", v -> v.contains(address), "the client " + address);
                    // The charts: echo's connects/s has points, and a non-zero one once traffic fell in a sample.
                    String caption = "document.querySelector('.history[data-name=\"echo\"] figure:nth-of-type(2) "
                            + "figcaption')?.textContent ?? ''";
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
                    String text = "";
                    while (System.nanoTime() < deadline && !text.matches(".*connects/s.*\\(max [1-9][0-9.]*\\).*")) {
                        echoOnce(daemon.port("echo"));
                        Thread.sleep(200);
                        text = page.evaluate(caption);
                    }
                    assertTrue(text.matches(".*connects/s.*\\(max [1-9][0-9.]*\\).*"), "echo's connects/s chart: " + text);
                    String points = page.evaluate("document.querySelector('.history[data-name=\"echo\"] "
                            + "polyline[data-series=\"connects/s\"]').dataset.points");
                    assertTrue(Integer.parseInt(points) >= 1, points);
                    // Every line ends in a dot on its newest value, so a lone sample shows too.
                    assertEquals("true", page.evaluate("String(document.querySelectorAll('.history[data-name=\"echo\"] "
                            + "svg').length > 0 && [...document.querySelectorAll('.history[data-name=\"echo\"] svg')]"
                            + ".every(s => [...s.querySelectorAll('polyline')].filter(p => p.dataset.points !== '0').length"
                            + " === s.querySelectorAll('circle.dot').length))"));
                    assertEquals("true", page.evaluate("String(document.querySelector('.history[data-name=\"echo\"] "
                            + "circle.dot[data-series=\"connections\"]') !== null)"));
                    assertTrue(page.evaluate("document.querySelector('#trouble tbody').textContent").length() > 0);
                }

                byte[] png = page.screenshot();
                assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
                Path target = Path.of(System.getProperty("switchboard.dist", "target/switchboard")).getParent();
                Files.write(target.resolve("dashboard.png"), png);
            }
        }
    }

    private static String awaitValue(HeadlessChromium.Page page, String expression,
            java.util.function.Predicate<String> done, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String value = "";
        while (System.nanoTime() < deadline) {
            value = page.evaluate(expression);
            if (done.test(value)) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + what + " within 20 s (last value '" + value + "')");
    }

    private static void echoOnce(int port) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write('x');
            InputStream in = socket.getInputStream();
            assertEquals('x', in.read());
        }
    }
}
