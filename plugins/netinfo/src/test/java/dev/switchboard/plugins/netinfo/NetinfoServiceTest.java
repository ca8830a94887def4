package dev.switchboard.plugins.netinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The netinfo protocol served by the real daemon: requests, refusals and the status source. */
@Timeout(30)
class NetinfoServiceTest {

    @TempDir
    static Path tmp;
    static LocalDaemon daemon;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        Path resolv = tmp.resolve("resolv.conf");
        Files.writeString(resolv, "nameserver 192.0.2.53\nsearch test.example\n");
        daemon = new LocalDaemon("""
                    request-timeout: 1s
                    resolv-conf: %s
                """.formatted(resolv));
        port = daemon.daemon().port("netinfo");
    }

    @AfterAll
    static void stop() {
        daemon.close();
    }

    @Test
    void emptyLineGetsTheHostAndEveryInterfaceAsText() throws IOException {
        String report = ask("\r\n");
        assertTrue(report.startsWith("host "), report);
        assertTrue(report.contains("        dns 192.0.2.53\r\n        search test.example\r\n"), report);
        assertTrue(report.contains("\r\nlo: index "), report);
        assertTrue(report.contains("        inet 127.0.0.1/8 netmask 255.0.0.0\r\n"), report);
        assertTrue(report.endsWith("\r\n") && report.replace("\r\n", "").indexOf('\n') < 0, "every line ends in CRLF");
    }

    @Test
    void jsonGetsTheSameReportAsJson() throws IOException {
        Map<String, Object> json = JsonReader.object(ask("json\n"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> interfaces = (List<Map<String, Object>>) json.get("interfaces");
        assertTrue(interfaces.stream().anyMatch(i -> "lo".equals(i.get("name"))), json.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> dns = (Map<String, Object>) ((Map<String, Object>) json.get("host")).get("dns");
        assertEquals(List.of("192.0.2.53"), dns.get("servers"));
    }

    @Test
    void anInterfaceNameGetsOnlyThatInterface() throws IOException {
        String text = ask("lo\r\n");
        assertTrue(text.startsWith("lo: index "), text);
        assertEquals(7, text.lines().count(), text);   // header, state, ether, inet, inet6, RX, TX
        Map<String, Object> json = JsonReader.object(ask("json lo\r\n"));
        assertEquals("lo", json.get("name"));
        assertEquals(List.of("UP", "LOOPBACK", "RUNNING"), json.get("flags"));
    }

    @Test
    void unknownInterfaceGetsOneLineListingTheKnownNames() throws IOException {
        String answer = ask("nosuch0\r\n");
        assertTrue(answer.matches("error: no interface 'nosuch0'; known: [^\r\n]*\\blo\\b[^\r\n]*\r\n"), answer);
        assertEquals(Interfaces.list(Sources.LINUX).names(),
                List.of(answer.strip().substring(answer.indexOf("known: ") + 7).split(" ")));
    }

    @Test
    void aPathInsteadOfANameIsJustAnUnknownInterface() throws IOException {
        assertTrue(ask("../../../etc\r\n").startsWith("error: no interface '../../../etc'; known: "));
    }

    @Test
    void helpDescribesTheRequestSyntax() throws IOException {
        assertEquals(Request.SYNTAX, ask("help\r\n"));
    }

    @Test
    void refusesARequestOver256Bytes() throws IOException {
        assertTrue(ask("x".repeat(256) + "\r\n").startsWith("error: no interface 'xxx"), "256 bytes is allowed");
        assertEquals("error: request longer than 256 bytes\r\n", ask("x".repeat(257) + "\r\n"));
    }

    @Test
    void refusesBinaryJunkWithoutEchoingIt() throws IOException {
        byte[] junk = {0, 1, 2, (byte) 0xFF, (byte) 0xFE, 27, '[', '2', 'J', '\n'};
        assertEquals("error: request is not printable ASCII; send 'help' for the syntax\r\n", ask(junk));
    }

    @Test
    void closesAClientThatSendsNothingForTheRequestTimeout() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            long start = System.nanoTime();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertEquals("error: no complete request within 1000 ms\r\n", answer, "then end of stream");
            assertTrue(waited >= 900 && waited < 5000, "closed after " + waited + " ms");
        }
    }

    @Test
    void aClientDrippingBytesIsCutOffAtTheRequestTimeoutNotAfterIt() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            long start = System.nanoTime();
            try {
                // One byte every 300 ms: never silent for a whole request-timeout (1 s), never a full line.
                for (int i = 0; i < 20 && System.nanoTime() - start < 6_000_000_000L; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(300);
                }
            } catch (IOException closedByServer) {
                // Expected once the server has given up on us.
            }
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertEquals("error: no complete request within 1000 ms\r\n", answer);
            // Cut off at ~1 s (our next writes then fail), not after the 6 s the drip would last.
            assertTrue(waited < 3500, "answered after " + waited + " ms");
        }
    }

    @Test
    void aClientThatHalfClosesWithoutARequestGetsTheFullReport() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            socket.shutdownOutput();
            assertTrue(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).startsWith("host "));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void contributesANetworkStatusSourceWithTheInterfaces() {
        Map<String, Object> network = daemon.daemon().status().sources().get("network");
        List<Map<String, Object>> interfaces = (List<Map<String, Object>>) network.get("interfaces");
        Map<String, Object> lo = interfaces.stream().filter(i -> "lo".equals(i.get("name"))).findFirst().orElseThrow();
        assertEquals(65536, ((Number) lo.get("mtu")).intValue());
        assertTrue(!lo.containsKey("speed_mbps"), "unknown values are left out of status: " + lo);
    }

    static String ask(String request) throws IOException {
        return daemon.ask(request);
    }

    static String ask(byte[] request) throws IOException {
        return daemon.ask(request);
    }
}
