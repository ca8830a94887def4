package dev.switchboard.daemon.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.daemon.testing.LineClient;
import dev.switchboard.daemon.testing.LogCapture;
import dev.switchboard.daemon.testing.RunningDaemon;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate in front of every service, seen from real clients on loopback: limits, rates, access lists
 * and the idle timeout. 127.0.0.2 stands in for a second client machine (all of 127/8 is loopback).
 * Services speak the test protocol {@code polite}, which greets an admitted client with {@code hello},
 * so a client tells admission from refusal without sending anything.
 */
@Timeout(30)
class GateTest {

    @TempDir
    Path tmp;

    private RunningDaemon daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private void start(String yaml) throws Exception {
        daemon = RunningDaemon.start(tmp, yaml);
    }

    private LineClient client(String service, String from) throws IOException {
        return daemon.client(service, from);
    }

    private void assertAdmitted(String service, String from) throws IOException {
        assertEquals("hello", client(service, from).readLine(), service + " should admit a client from " + from);
    }

    private void assertRefused(String service, String from, String message) throws IOException {
        LineClient c = client(service, from);
        assertEquals(message, c.readLine(), service + " should refuse a client from " + from);
        c.awaitClosedByServer(5000);
    }

    @Test
    void refusesTheClientOverMaxConnectionsWithTheBusyMessageAndAdmitsOneWhenASlotFrees() throws Exception {
        start("""
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
                services:
                  limited: {protocol: polite, port: 0, max-connections: 2, busy-message: "busy, try later"}
                """);
        LineClient first = client("limited", "127.0.0.1");
        assertEquals("hello", first.readLine());
        assertAdmitted("limited", "127.0.0.2");
        assertRefused("limited", "127.0.0.1", "busy, try later");
        assertEquals(1, daemon.status("limited").rejectedConnections());
        assertEquals(2, daemon.status("limited").totalConnections());

        first.close();
        daemon.awaitActive("limited", 1);
        assertAdmitted("limited", "127.0.0.1");
    }

    @Test
    void closesARefusedClientWithoutAWordWhenNoBusyMessageIsSet() throws Exception {
        start("""
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
                services:
                  terse: {protocol: polite, port: 0, max-connections: 1}
                """);
        assertAdmitted("terse", "127.0.0.1");
        client("terse", "127.0.0.2").awaitClosedByServer(5000);
        assertEquals(1, daemon.status("terse").rejectedConnections());
    }

    @Test
    void limitsConnectionsPerAddressWhileAdmittingAnotherAddress() throws Exception {
        start("""
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
                services:
                  perip: {protocol: polite, port: 0, max-connections-per-ip: 1, busy-message: busy}
                """);
        assertAdmitted("perip", "127.0.0.1");
        assertRefused("perip", "127.0.0.1", "busy");
        assertAdmitted("perip", "127.0.0.2");
        assertEquals(1, daemon.status("perip").rejectedConnections());
    }

    @Test
    void limitsConnectsPerSecondFromOneAddressAndLetsItBackInLater() throws Exception {
        start("""
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
                services:
                  rated: {protocol: polite, port: 0, max-connects-per-second-per-ip: 2, busy-message: slow down}
                """);
        // Two connects fit in one second's bucket; they need not stay connected to count.
        for (int i = 0; i < 2; i++) {
            try (LineClient c = LineClient.connect("127.0.0.1", daemon.port("rated"), "127.0.0.1")) {
                assertEquals("hello", c.readLine());
            }
        }
        // A third within the same second is refused; tolerate a machine so slow that a token came back first.
        String refusal = "hello";
        for (int i = 0; i < 10 && refusal.equals("hello"); i++) {
            try (LineClient c = LineClient.connect("127.0.0.1", daemon.port("rated"), "127.0.0.1")) {
                refusal = c.readLine();
            }
        }
        assertEquals("slow down", refusal);
        assertAdmitted("rated", "127.0.0.2");

        // The bucket refills at two connects a second: the first address gets back in soon.
        long deadline = System.nanoTime() + 5_000_000_000L;
        String answer;
        do {
            try (LineClient c = LineClient.connect("127.0.0.1", daemon.port("rated"), "127.0.0.1")) {
                answer = c.readLine();
            }
        } while (!answer.equals("hello") && System.nanoTime() < deadline);
        assertEquals("hello", answer);
        assertTrue(daemon.status("rated").rejectedConnections() >= 1);
    }

    @Test
    void appliesDenyAndAllowListsToIpv4ClientsWithTheDenyMessage() throws Exception {
        start("""
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
                defaults: {deny-message: "not from your network", busy-message: busy}
                services:
                  deny4:  {protocol: polite, port: 0, deny: [127.0.0.2]}
                  allow4: {protocol: polite, port: 0, allow: [127.0.0.2/32]}
                  both4:  {protocol: polite, port: 0, allow: [127.0.0.0/8], deny: [127.0.0.2/32]}
                """);
        assertRefused("deny4", "127.0.0.2", "not from your network");
        assertAdmitted("deny4", "127.0.0.1");
        assertRefused("allow4", "127.0.0.1", "not from your network");
        assertAdmitted("allow4", "127.0.0.2");
        assertRefused("both4", "127.0.0.2", "not from your network");
        assertAdmitted("both4", "127.0.0.1");
        for (String service : List.of("deny4", "allow4", "both4")) {
            assertEquals(1, daemon.switchboard().status().services().stream()
                    .filter(s -> s.name().equals(service)).findFirst().orElseThrow().rejectedConnections(), service);
            assertEquals(1, daemon.status(service).totalConnections(), service);
        }
    }

    @Test
    void appliesDenyAndAllowListsToIpv6Clients() throws Exception {
        assumeTrue(hasIpv6Loopback(), "this machine has no ::1: IPv6 access lists not tested");
        start("""
                daemon: {bind: "::1", plugins: PLUGINS, shutdown-grace: 1s}
                defaults: {deny-message: "not from your network"}
                services:
                  deny6:      {protocol: polite, port: 0, deny: ["::1"]}
                  allow6:     {protocol: polite, port: 0, allow: ["::1/128"]}
                  elsewhere6: {protocol: polite, port: 0, allow: ["fc00::/7", 127.0.0.0/8]}
                  open6:      {protocol: polite, port: 0, deny: [127.0.0.1, "fe80::/10"]}
                """);
        assertRefused("deny6", "::1", "not from your network");
        assertAdmitted("allow6", "::1");
        assertRefused("elsewhere6", "::1", "not from your network");
        assertAdmitted("open6", "::1");
        assertEquals(1, daemon.status("deny6").rejectedConnections());
        assertEquals(1, daemon.status("elsewhere6").rejectedConnections());
        assertEquals(0, daemon.status("open6").rejectedConnections());
    }

    @Test
    void logsARefusedIpv6ClientWithItsFullAddressAndThePrefixItWasCountedAs() throws Exception {
        assumeTrue(hasIpv6Loopback(), "this machine has no ::1: IPv6 refusals not tested");
        start("""
                daemon: {bind: "::1", plugins: PLUGINS, shutdown-grace: 1s}
                services:
                  grouped: {protocol: polite, port: 0, max-connections-per-ip: 1, busy-message: busy}
                  exact:   {protocol: polite, port: 0, max-connections-per-ip: 1, ipv6-prefix: 128, busy-message: busy}
                """);
        try (LogCapture log = LogCapture.start()) {
            assertAdmitted("grouped", "::1");
            assertRefused("grouped", "::1", "busy");
            assertAdmitted("exact", "::1");
            assertRefused("exact", "::1", "busy");
            // The acceptor logs a refusal before it sends the busy line, so both lines are there by now.
            assertEquals(List.of("grouped: refused ::1 (counted as ::/64): per-address connection limit (1) "
                    + "reached by ::/64"), messages(log.containing("grouped: refused")));
            assertEquals(List.of("exact: refused ::1: per-address connection limit (1) reached by this address"),
                    messages(log.containing("exact: refused")));
        }
    }

    private static List<String> messages(List<LogCapture.Line> lines) {
        return lines.stream().map(LogCapture.Line::message).toList();
    }

    @Test
    void matchesIpv4EntriesAgainstIpv4ClientsOfADualStackService() throws Exception {
        assumeTrue(hasIpv6Loopback(), "this machine has no ::1: dual-stack binding not tested");
        // "::" is the shipped default bind; the allow list keeps every non-loopback client out meanwhile.
        start("""
                daemon: {bind: "::", plugins: PLUGINS, shutdown-grace: 1s}
                defaults: {deny-message: "not from your network"}
                services:
                  dual: {protocol: polite, port: 0, allow: [127.0.0.1, "::1"]}
                """);
        int port = daemon.port("dual");
        try (LineClient v4 = LineClient.connect("127.0.0.1", port, "127.0.0.1");
             LineClient v6 = LineClient.connect("::1", port, "::1");
             LineClient other = LineClient.connect("127.0.0.1", port, "127.0.0.2")) {
            assertEquals("hello", v4.readLine());
            assertEquals("hello", v6.readLine());
            assertEquals("not from your network", other.readLine());
            other.awaitClosedByServer(5000);
        }
    }

    @Test
    void closesAClientThatStaysSilentPastTheIdleTimeout() throws Exception {
        start("""
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
                services:
                  idle: {protocol: lines, port: 0, idle-timeout: 500ms}
                """);
        LineClient c = client("idle", "127.0.0.1");
        assertEquals("hi", c.ask("hi"));
        long start = System.nanoTime();
        c.awaitClosedByServer(5000);
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(waitedMillis >= 400, "closed after only " + waitedMillis + " ms");
        daemon.awaitActive("idle", 0);
    }

    @Test
    void keepsAClientThatKeepsTalkingPastTheIdleTimeout() throws Exception {
        start("""
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
                services:
                  idle: {protocol: lines, port: 0, idle-timeout: 1s}
                """);
        LineClient c = client("idle", "127.0.0.1");
        // Paced, not synchronising: 10 lines 150 ms apart span well over the 1 s timeout.
        for (int i = 0; i < 10; i++) {
            assertEquals("line " + i, c.ask("line " + i));
            Thread.sleep(150);
        }
        assertEquals(1, daemon.status("idle").activeConnections());
    }

    @Test
    void sharesTheDaemonsMaxConnectionsAcrossServices() throws Exception {
        start("""
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s, max-connections: 2}
                defaults: {busy-message: "daemon busy"}
                services:
                  one: {protocol: polite, port: 0}
                  two: {protocol: polite, port: 0}
                """);
        LineClient first = client("one", "127.0.0.1");
        assertEquals("hello", first.readLine());
        assertAdmitted("two", "127.0.0.2");
        assertRefused("one", "127.0.0.2", "daemon busy");
        assertRefused("two", "127.0.0.1", "daemon busy");
        assertEquals(1, daemon.status("one").rejectedConnections());
        assertEquals(1, daemon.status("two").rejectedConnections());

        first.close();
        daemon.awaitActive("one", 0);
        assertAdmitted("two", "127.0.0.1");
    }

    private static boolean hasIpv6Loopback() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
