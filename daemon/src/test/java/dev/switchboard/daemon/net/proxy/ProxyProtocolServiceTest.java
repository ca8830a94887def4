package dev.switchboard.daemon.net.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.daemon.Switchboard;
import dev.switchboard.daemon.testing.Await;
import dev.switchboard.daemon.testing.LineClient;
import dev.switchboard.daemon.testing.LogCapture;
import dev.switchboard.daemon.testing.RunningDaemon;
import dev.switchboard.daemon.testing.TestConfigs;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service behind a proxy, driven over loopback as HAProxy would drive it: 127.0.0.1 is the trusted
 * proxy and writes the header itself; the client it names is what the gate, the limits and the plugin see.
 */
@Timeout(60)
class ProxyProtocolServiceTest {

    @TempDir
    Path tmp;
    RunningDaemon daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private int start(String extra) throws Exception {
        daemon = RunningDaemon.start(tmp, """
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
                services:
                  relayed: {protocol: lines, port: 0, proxy-protocol: [127.0.0.1/32], busy-message: busy,
                            deny-message: denied%s}
                """.formatted(extra));
        return daemon.port("relayed");
    }

    /** A connection from 127.0.0.1, the trusted proxy, that has sent the v1 header for {@code client}. */
    private LineClient relayed(int port, String client) throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.getOutputStream().write(("PROXY TCP4 " + client + " 127.0.0.1 40000 " + port + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return LineClient.over(socket);
    }

    @Test
    void thePluginSeesTheRealClientAndTheProxy() throws Exception {
        int port = start("");
        try (LineClient c = relayed(port, "192.0.2.7")) {
            String who = c.ask("who?");
            assertTrue(who.startsWith("client /192.0.2.7:40000 proxy Optional[/127.0.0.1:"), who);
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(PROXY_V2_IPV6);
            LineClient c = LineClient.over(socket);
            String who = c.ask("who?");
            assertTrue(who.startsWith("client /[2001:db8:0:0:0:0:0:9]:443 proxy Optional[/127.0.0.1:"), who);
        }
    }

    private static final byte[] PROXY_V2_IPV6;

    static {
        try {
            PROXY_V2_IPV6 = ProxyHeaderTest.v2(1, 0x21, ProxyHeaderTest.inet("2001:db8::9", 443, "::1", 7, 0));
        } catch (java.io.IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Test
    void theLogNamesTheRealClientAndTheProxy() throws Exception {
        int port = start("");
        byte[] v1 = ("PROXY TCP4 192.0.2.7 127.0.0.1 40000 " + port + "\r\n").getBytes(StandardCharsets.US_ASCII);
        assertFailureLoggedAs(port, v1, "relayed client 192.0.2.7:40000 via proxy 127.0.0.1:");
        assertFailureLoggedAs(port, PROXY_V2_IPV6, "relayed client [2001:db8:0:0:0:0:0:9]:443 via proxy 127.0.0.1:");
    }

    /** Makes the handler fail for the client {@code header} names: its failure is logged with the client. */
    private void assertFailureLoggedAs(int port, byte[] header, String expected) throws Exception {
        try (LogCapture log = LogCapture.start(); Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(header);
            LineClient c = LineClient.over(socket);
            c.send("throw");
            c.awaitClosedByServer(5000);
            Await.until("the handler's failure is logged", Duration.ofSeconds(5),
                    () -> !log.containing("handler failed").isEmpty(), () -> log.containing("relayed"));
            String line = log.containing("handler failed").get(0).message();
            assertTrue(line.startsWith(expected + socket.getLocalPort() + ":"), line);
        }
    }

    @Test
    void aPeerThatIsNotATrustedProxyIsRefused() throws Exception {
        int port = start("");
        try (LineClient direct = LineClient.connect("127.0.0.1", port, "127.0.0.2")) {
            assertEquals("denied", direct.readLine());
            direct.awaitClosedByServer(5000);
        }
        assertEquals(1, daemon.status("relayed").rejectedConnections());
    }

    @Test
    void perIpLimitsAndDenyApplyToTheRealClient() throws Exception {
        int port = start(", max-connections-per-ip: 1, deny: [192.0.2.66/32]");
        try (LineClient first = relayed(port, "192.0.2.7")) {
            assertEquals("one", first.ask("one"));
            try (LineClient again = relayed(port, "192.0.2.7")) {
                assertEquals("busy", again.readLine(), "the same client through the proxy is over its limit");
            }
            try (LineClient other = relayed(port, "192.0.2.8")) {
                assertEquals("two", other.ask("two"), "another client through the same proxy is not");
            }
            try (LineClient denied = relayed(port, "192.0.2.66")) {
                assertEquals("denied", denied.readLine());
            }
        }
    }

    @Test
    void healthChecksAreNotClientsAndABadHeaderIsCutOff() throws Exception {
        int port = start("");
        for (int i = 0; i < 5; i++) {
            new Socket(InetAddress.getLoopbackAddress(), port).close(); // a TCP check
            try (Socket local = new Socket(InetAddress.getLoopbackAddress(), port)) {
                local.getOutputStream().write(ProxyHeaderTest.v2(0, 0, new byte[0])); // v2 LOCAL
                assertClosed(local, "a LOCAL connection is closed");
            }
        }
        try (Socket garbled = new Socket(InetAddress.getLoopbackAddress(), port)) {
            garbled.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertClosed(garbled, "no header, no service");
        }
        try (LineClient real = relayed(port, "192.0.2.7")) {
            assertEquals("served", real.ask("served"));
        }
        assertEquals(1, daemon.status("relayed").totalConnections(), "only the real client counts");
        assertEquals(1, daemon.status("relayed").rejectedConnections(), "the garbled header is counted");
    }

    @Test
    void haproxysOwnChecksUnknownAndResetsAreNotClientsNorLogged() throws Exception {
        int port = start("");
        List<Integer> checkPorts = new java.util.ArrayList<>();
        try (LogCapture log = LogCapture.start()) {
            for (int i = 0; i < 3; i++) {
                // What HAProxy 2.6 sends for `check` with `send-proxy`: a v1 header naming this very connection.
                try (Socket check = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    checkPorts.add(check.getLocalPort());
                    check.getOutputStream().write(("PROXY TCP4 127.0.0.1 127.0.0.1 " + check.getLocalPort() + " " + port
                            + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    assertClosed(check, "HAProxy's v1 check is closed");
                }
                try (Socket unknown = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    checkPorts.add(unknown.getLocalPort());
                    unknown.getOutputStream().write("PROXY UNKNOWN\r\n".getBytes(StandardCharsets.US_ASCII));
                    assertClosed(unknown, "a v1 UNKNOWN connection names no client and is closed");
                }
                Socket reset = new Socket(InetAddress.getLoopbackAddress(), port);
                checkPorts.add(reset.getLocalPort());
                reset.setSoLinger(true, 0);
                reset.close(); // HAProxy ends a plain TCP check with a reset
            }
            try (LineClient real = relayed(port, "192.0.2.7")) {
                assertEquals("served", real.ask("served"));
            }
            // The same text from another connection, or naming another port, is a real client on this host.
            try (Socket samePortOtherConnection = new Socket(InetAddress.getLoopbackAddress(), port)) {
                samePortOtherConnection.getOutputStream().write(("PROXY TCP4 127.0.0.1 127.0.0.1 "
                        + checkPorts.get(0) + " " + port + "\r\n").getBytes(StandardCharsets.US_ASCII));
                LineClient c = LineClient.over(samePortOtherConnection);
                assertEquals("client /127.0.0.1:" + checkPorts.get(0), c.ask("who?").split(" proxy")[0]);
            }
            assertEquals(2, daemon.status("relayed").totalConnections(), "only the two real clients count");
            assertEquals(0, daemon.status("relayed").rejectedConnections(), "a check is not a refusal either");
            for (int p : checkPorts.subList(1, checkPorts.size())) {
                assertEquals(List.of(), log.containing(":" + p), "nothing is logged about check port " + p);
            }
        }
    }

    /** Closed, by an orderly close or (with the request left unread) a reset. */
    private static void assertClosed(Socket socket, String why) throws java.io.IOException {
        socket.setSoTimeout(5000);
        try {
            assertEquals(-1, socket.getInputStream().read(), why);
        } catch (java.net.SocketException reset) {
            // closed with unread input: a reset is a close too
        }
    }

    @Test
    void theProxyProtocolIsForTcpServices() {
        Path file = TestConfigs.write(tmp, """
                daemon: {plugins: PLUGINS}
                services:
                  u: {protocol: lines, port: 0, transport: udp, proxy-protocol: [127.0.0.1/32]}
                """);
        List<String> problems = Switchboard.check(file, tmp);
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("services.u.proxy-protocol: the PROXY protocol is for TCP"), problems::toString);
    }
}
