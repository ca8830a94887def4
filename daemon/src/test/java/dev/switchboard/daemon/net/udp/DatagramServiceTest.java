package dev.switchboard.daemon.net.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.api.ServiceStatus.State;
import dev.switchboard.daemon.net.IncidentLog;
import dev.switchboard.daemon.testing.LineClient;
import dev.switchboard.daemon.testing.LogCapture;
import dev.switchboard.daemon.testing.RunningDaemon;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * UDP services from real datagram sockets on loopback, many of them from other 127.x.y.z addresses
 * standing in for other machines. The test protocol {@code lines} answers a datagram with its prefix
 * and the datagram: without a prefix an echo, with one an answer larger than the request.
 */
@Timeout(60)
class DatagramServiceTest {

    @TempDir
    Path tmp;

    private RunningDaemon daemon;
    private final List<DatagramSocket> sockets = new ArrayList<>();

    @AfterEach
    void stop() {
        sockets.forEach(DatagramSocket::close);
        if (daemon != null) {
            daemon.close();
        }
    }

    private void start(String services) throws Exception {
        daemon = RunningDaemon.start(tmp, "daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}\n"
                + "services:\n" + services);
    }

    private DatagramSocket from(String address, int port) throws SocketException, IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), port));
        s.setSoTimeout(2000);
        s.setReceiveBufferSize(1 << 20);
        sockets.add(s);
        return s;
    }

    private void send(DatagramSocket socket, String service, byte[] payload) throws IOException {
        socket.send(new DatagramPacket(payload, payload.length, InetAddress.getByName("127.0.0.1"), daemon.port(service)));
    }

    /** @return the answer's payload, or null when none came within the socket's timeout */
    private static byte[] receive(DatagramSocket socket) throws IOException {
        byte[] buffer = new byte[70_000];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
            return Arrays.copyOf(buffer, packet.getLength());
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    private static int drain(DatagramSocket socket, int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        int n = 0;
        while (receive(socket) != null) {
            n++;
        }
        return n;
    }

    @Test
    void withTransportBothOnePortNumberServesTcpClientsAndDatagrams() throws Exception {
        start("  both: {protocol: lines, port: 0, transport: both}\n");
        LineClient tcp = daemon.client("both");
        assertEquals("over tcp", tcp.ask("over tcp"));
        DatagramSocket udp = from("127.0.0.1", 0);
        send(udp, "both", "over udp".getBytes(StandardCharsets.US_ASCII));
        assertEquals("over udp", new String(receive(udp), StandardCharsets.US_ASCII));
    }

    @Test
    void aUdpPortAnotherSocketHoldsIsRefusedInsteadOfSharedSoNoDatagramGoesToTheWrongProgram() throws Exception {
        // Another program bound with SO_REUSEADDR, which on Linux lets a second socket with it bind too.
        DatagramSocket other = new DatagramSocket(null);
        sockets.add(other);
        other.setReuseAddress(true);
        other.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        start("  taken: {protocol: lines, port: " + other.getLocalPort() + ", transport: udp}\n"
                + "  both: {protocol: lines, port: 0, transport: both}\n");
        assertEquals(State.FAILED, daemon.status("taken").state());
        assertTrue(daemon.status("taken").problem().contains("in use"), daemon.status("taken").problem());
        DatagramSocket udp = from("127.0.0.1", 0);
        send(udp, "both", "still answered".getBytes(StandardCharsets.US_ASCII));
        assertEquals("still answered", new String(receive(udp), StandardCharsets.US_ASCII));
    }

    @Test
    void anEmptyDatagramAndTheLargestOneComeBackExactlyAsLargeAsTheyWere() throws Exception {
        start("  echo: {protocol: lines, port: 0, transport: udp}\n");
        DatagramSocket udp = from("127.0.0.1", 0);
        send(udp, "echo", new byte[0]);
        assertArrayEquals(new byte[0], receive(udp));
        byte[] largest = new byte[DatagramListener.MAX_PAYLOAD];
        new Random(7).nextBytes(largest);
        send(udp, "echo", largest);
        assertArrayEquals(largest, receive(udp));
        // An echo never amplifies, so no rate limit applies: 200 in a row all come back.
        for (int i = 0; i < 200; i++) {
            send(udp, "echo", ("n" + i).getBytes(StandardCharsets.US_ASCII));
            assertEquals("n" + i, new String(receive(udp), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void answersLargerThanTheRequestAreLimitedPerSourceAndOtherSourcesAreStillAnswered() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            start("  time: {protocol: lines, port: 0, transport: udp, prefix: 'amplified ', "
                    + "max-answers-per-second-per-ip: 5, max-answers-per-second: 1000}\n");
            DatagramSocket flooder = from("127.0.0.1", 0);
            long started = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                send(flooder, "time", new byte[0]);
            }
            int answered = drain(flooder, 500);
            double seconds = (System.nanoTime() - started) / 1e9;
            assertTrue(answered >= 5 && answered <= 5 + Math.ceil(5 * seconds),
                    answered + " answers in " + seconds + " s, expected the burst of 5 and 5 per second after it");
            DatagramSocket neighbour = from("127.0.0.2", 0);
            send(neighbour, "time", new byte[0]);
            assertEquals("amplified ", new String(receive(neighbour), StandardCharsets.US_ASCII));
            assertTrue(daemon.status("time").rejectedConnections() >= 100 - answered - 1, daemon.status("time").toString());
            assertTrue(log.matching(l -> l.level().equals("WARN") && l.message().startsWith("time (udp): withheld ")
                    && l.message().contains("over max-answers-per-second-per-ip (5)")).size() >= 1,
                    log.containing("udp").toString());
        }
    }

    @Test
    void aDatagramThatMakesTheHandlerThrowIsCountedAndLoggedWithinBoundsAndTheServiceAnswersOn() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            start("  echo: {protocol: lines, port: 0, transport: udp}\n");
            DatagramSocket udp = from("127.0.0.1", 0);
            byte[] poison = "throw".getBytes(StandardCharsets.UTF_8);
            int sent = 50;
            for (int i = 0; i < sent; i++) {
                send(udp, "echo", poison);
                send(udp, "echo", ("ok " + i).getBytes(StandardCharsets.UTF_8));
                assertEquals("ok " + i, new String(receive(udp), StandardCharsets.UTF_8), "answered between failures");
            }
            assertEquals(sent, daemon.status("echo").failedHandlers());
            List<LogCapture.Line> traces = log.matching(l -> l.hasStackTrace() && l.message().contains("(udp)"));
            assertEquals(IncidentLog.IN_FULL, traces.size(), "stack traces: " + traces);
            assertTrue(traces.get(0).message().contains("echo (udp): handler failed on a datagram from 127.0.0.1"),
                    traces.get(0).message());
        }
    }

    @Test
    void aFloodFromManySourcesIsHeldToTheServiceTotal() throws Exception {
        start("  daytime: {protocol: lines, port: 0, transport: udp, prefix: 'Wednesday, December 2, 2026 ', "
                + "max-answers-per-second-per-ip: 5, max-answers-per-second: 20}\n");
        List<DatagramSocket> sources = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            sources.add(from("127.0." + (10 + i / 50) + "." + (i % 50 + 1), 0));
        }
        long started = System.nanoTime();
        for (int round = 0; round < 3; round++) {
            for (DatagramSocket s : sources) {
                send(s, "daytime", new byte[0]);
            }
        }
        int answered = 0;
        for (DatagramSocket s : sources) {
            answered += drain(s, 20);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(answered >= 20 && answered <= 20 + Math.ceil(20 * seconds),
                answered + " answers to 300 datagrams from 100 sources in " + seconds + " s; the total allows 20 + 20/s");
    }

    @Test
    void datagramsFromTheClassicServicesPortsAndFromDeniedSourcesAreDropped() throws Exception {
        start("  echo: {protocol: lines, port: 0, transport: udp, deny: [127.0.0.3/32]}\n");
        DatagramSocket denied = from("127.0.0.3", 0);
        send(denied, "echo", "let me in".getBytes(StandardCharsets.US_ASCII));
        assertEquals(null, receive(denied));
        int dropped = 0;
        for (int port : List.of(7, 13, 19, 37)) {
            DatagramSocket reflector;
            try {
                reflector = from("127.0.0.77", port);
            } catch (SocketException e) {
                continue; // ports below 1024 need root (CI is root); or another program has it
            }
            send(reflector, "echo", "loop?".getBytes(StandardCharsets.US_ASCII));
            assertEquals(null, receive(reflector), "answered a datagram from source port " + port);
            dropped++;
        }
        assumeTrue(dropped > 0 || daemon.status("echo").rejectedConnections() == 1, "could not bind a low source port");
        assertEquals(1 + dropped, daemon.status("echo").rejectedConnections());
        DatagramSocket fine = from("127.0.0.1", 0);
        send(fine, "echo", "ok".getBytes(StandardCharsets.US_ASCII));
        assertEquals("ok", new String(receive(fine), StandardCharsets.US_ASCII));
    }

    @Test
    void aProtocolThatCannotAnswerDatagramsFailsToStartOverUdpWithTheReason() throws Exception {
        start("  tcp-only: {protocol: polite, port: 0, transport: udp}\n  other: {protocol: lines, port: 0}\n");
        assertEquals(State.FAILED, daemon.status("tcp-only").state());
        assertTrue(daemon.status("tcp-only").problem().contains(
                "transport: protocol 'polite' (plugin '') does not answer datagrams: use transport: tcp")
                || daemon.status("tcp-only").problem().contains("does not answer datagrams: use transport: tcp"),
                daemon.status("tcp-only").problem());
        assertEquals(State.RUNNING, daemon.status("other").state());
    }
}
