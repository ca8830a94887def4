package dev.switchboard.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged daemon behind a real HAProxy, once with {@code send-proxy} (v1) and once with
 * {@code send-proxy-v2}, both with {@code check}: clients connect to HAProxy from distinct loopback
 * sources (127.0.0.2, .3, .4), and the daemon must apply its per-IP limit and its deny rule to them, not
 * to HAProxy's 127.0.0.1, log them by their real address, and count none of HAProxy's health checks.
 */
@Timeout(180)
class ProxyProtocolIT {

    private static final String CONFIG = """
            daemon: {bind: 127.0.0.1, shutdown-grace: 1s}
            services:
              echo: {port: 0, proxy-protocol: [127.0.0.1/32], max-connections-per-ip: 2, deny: [127.0.0.3/32],
                     busy-message: busy, deny-message: denied}
              admin: {port: 0, allow: [127.0.0.1/32]}
            """;
    private static final Pattern ECHO_COUNTS =
            Pattern.compile("\"name\":\"echo\"[^}]*?\"totalConnections\":(\\d+),\"rejectedConnections\":(\\d+)");

    @TempDir
    Path tmp;

    @BeforeEach
    void needsHaproxy() {
        assumeTrue(Haproxy.executable().isPresent(),
                "haproxy is not installed (apt-get install haproxy; .ci/run installs it): ProxyProtocolIT skipped");
    }

    @Test
    void behindSendProxyV1() throws Exception {
        behind("send-proxy");
    }

    @Test
    void behindSendProxyV2() throws Exception {
        behind("send-proxy-v2");
    }

    private void behind(String sendProxy) throws Exception {
        try (DistributionDaemon daemon = DistributionDaemon.install(tmp)) {
            daemon.writeConfig(CONFIG);
            logClientsAndHealthChecks(daemon.home());
            daemon.start();
            int front = Haproxy.freePort();
            try (Haproxy haproxy = Haproxy.start(tmp, """
                    frontend switchboard
                      bind 127.0.0.1:%d
                      default_backend daemons
                    backend daemons
                      server a 127.0.0.1:%d %s check inter 100ms
                    """.formatted(front, daemon.port("echo"), sendProxy))) {
                String health = awaitValue(() -> haproxy.checkState("daemons", "a"), "UP L4OK"::equals,
                        "HAProxy's checks of the daemon pass", haproxy);
                assertEquals("UP L4OK", health);

                List<Client> open = new ArrayList<>();
                try {
                    open.add(new Client("127.0.0.2", front));
                    open.add(new Client("127.0.0.2", front));
                    for (Client c : open) {
                        assertEquals("hello", c.echo("hello"), daemon.output());
                    }
                    try (Client third = new Client("127.0.0.2", front)) {
                        assertEquals("busy", third.readLine(), "127.0.0.2's third connection is over its limit of 2");
                    }
                    try (Client other = new Client("127.0.0.4", front)) {
                        assertEquals("through", other.echo("through"),
                                "127.0.0.4 is not 127.0.0.2, though HAProxy connects for both from 127.0.0.1");
                    }
                    try (Client denied = new Client("127.0.0.3", front)) {
                        assertEquals("denied", denied.readLine(), "deny: [127.0.0.3/32] applies to the real client");
                    }
                    for (Client c : open) {
                        assertEquals("still", c.echo("still"));
                    }
                } finally {
                    for (Client c : open) {
                        c.close();
                    }
                }

                int checksBefore = healthChecks(daemon);
                awaitValue(() -> healthChecks(daemon), n -> n >= checksBefore + 5,
                        "five more of HAProxy's checks reach the daemon and are told apart as checks (TRACE lines)", haproxy);
                String counts = echoCounts(daemon);
                assertEquals("3 admitted, 2 refused", counts,
                        "only the three admitted clients and the two refused ones count, none of the "
                                + healthChecks(daemon) + " health checks:\n" + daemon.output());
            }
            String log = daemon.output();
            assertTrue(Pattern.compile("echo client 127\\.0\\.0\\.2:\\d+ via proxy 127\\.0\\.0\\.1:\\d+: open")
                    .matcher(log).find(), log);
            assertTrue(log.contains("echo client 127.0.0.4:"), log);
            assertTrue(log.contains("echo: refused 127.0.0.2: "), log);
            assertTrue(log.contains("echo: refused 127.0.0.3: "), log);
            assertFalse(log.contains("echo client 127.0.0.1:"), "HAProxy's address is never taken for a client:\n" + log);
            assertFalse(log.contains("refused 127.0.0.1"), log);
            assertEquals(0, daemon.stop(), log);
        }
    }

    /** Copies the shipped log4j2.xml with client opens and closes (DEBUG) and health checks (TRACE) on. */
    private static void logClientsAndHealthChecks(Path home) throws IOException {
        Path xml = home.resolve("conf/log4j2.xml");
        String config = Files.readString(xml);
        String shipped = "<Logger name=\"switchboard.client\" level=\"info\"/>";
        assertTrue(config.contains(shipped), "the shipped log4j2.xml has changed:\n" + config);
        Files.writeString(xml, config.replace(shipped, "<Logger name=\"switchboard.client\" level=\"debug\"/>"
                + "<Logger name=\"dev.switchboard.daemon.net.Listener\" level=\"trace\"/>"));
    }

    private static int healthChecks(DistributionDaemon daemon) {
        return daemon.output().split("echo: health check from the proxy", -1).length - 1;
    }

    /** @return the echo service's counters as the admin service's status.json has them */
    private static String echoCounts(DistributionDaemon daemon) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().proxy(ProxySelector.of(null)).build();
        String json = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port("admin")
                + "/status.json")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = ECHO_COUNTS.matcher(json);
        assertTrue(m.find(), json);
        return m.group(1) + " admitted, " + m.group(2) + " refused";
    }

    private interface Probe<T> {
        T get() throws Exception;
    }

    private static <T> T awaitValue(Probe<T> probe, Predicate<T> done, String what, Haproxy haproxy) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                fail(what + ": not within 30 s (last: " + last + "); haproxy said:\n" + haproxy.output());
            }
            Thread.sleep(50);
            last = probe.get();
        }
        return last;
    }

    /** A line client of HAProxy's frontend, bound to its own loopback source address. */
    private static final class Client implements AutoCloseable {
        private final Socket socket = new Socket();
        private final BufferedReader in;

        Client(String source, int port) throws IOException {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(10_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        }

        String echo(String line) throws IOException {
            socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return in.readLine();
        }

        String readLine() throws IOException {
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
