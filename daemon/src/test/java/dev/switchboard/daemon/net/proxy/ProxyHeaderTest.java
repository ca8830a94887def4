package dev.switchboard.daemon.net.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PROXY headers, good and bad, sent over a real loopback connection and read as the daemon reads them:
 * exactly the header, under a deadline, and never a byte of the client's data.
 */
@Timeout(30)
class ProxyHeaderTest {

    private ServerSocketChannel server;
    private Socket proxy;
    private SocketChannel accepted;

    @BeforeEach
    void connect() throws IOException {
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        proxy = new Socket(InetAddress.getLoopbackAddress(), ((InetSocketAddress) server.getLocalAddress()).getPort());
        accepted = server.accept();
    }

    @AfterEach
    void close() throws IOException {
        proxy.close();
        accepted.close();
        server.close();
    }

    private ProxyHeader send(byte[] bytes, long deadlineMillis) throws IOException {
        OutputStream out = proxy.getOutputStream();
        out.write(bytes);
        out.flush();
        return ProxyHeader.read(new ChannelHeaderBytes(accepted, System.nanoTime() + deadlineMillis * 1_000_000));
    }

    private ProxyHeader send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.US_ASCII), 2000);
    }

    private String rest(int n) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(n);
        while (buffer.hasRemaining() && accepted.read(buffer) >= 0) {
            // until n bytes
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
    }

    static byte[] v2(int command, int family, byte[] block) {
        ByteBuffer b = ByteBuffer.allocate(16 + block.length);
        b.put(ProxyHeader.V2_SIGNATURE).put((byte) (0x20 | command)).put((byte) family).putShort((short) block.length).put(block);
        return b.array();
    }

    static byte[] inet(String source, int sourcePort, String target, int targetPort, int tlvBytes) throws IOException {
        byte[] s = InetAddress.getByName(source).getAddress();
        byte[] t = InetAddress.getByName(target).getAddress();
        ByteBuffer b = ByteBuffer.allocate(2 * s.length + 4 + tlvBytes);
        b.put(s).put(t).putShort((short) sourcePort).putShort((short) targetPort);
        if (tlvBytes >= 3) {
            b.put((byte) 0x05).putShort((short) (tlvBytes - 3)); // PP2_TYPE_UNIQUE_ID, skipped
        }
        return b.array();
    }

    private static byte[] concat(byte[] a, String b) {
        byte[] tail = b.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(a, a.length + tail.length);
        System.arraycopy(tail, 0, all, a.length, tail.length);
        return all;
    }

    @Test
    void v1Tcp4NamesTheClientAndLeavesItsDataUnread() throws IOException {
        ProxyHeader h = send("PROXY TCP4 192.0.2.7 198.51.100.2 56324 7\r\nhello");
        assertEquals(Optional.of(new InetSocketAddress("192.0.2.7", 56324)), h.client());
        assertEquals(Optional.of(new InetSocketAddress("198.51.100.2", 7)), h.destination());
        assertEquals("hello", rest(5));
    }

    @Test
    void v1Tcp6AndUnknown() throws IOException {
        ProxyHeader h = send("PROXY TCP6 2001:db8::1 2001:db8::2 1 65535\r\n");
        assertEquals(Optional.of(new InetSocketAddress("2001:db8::1", 1)), h.client());
        assertEquals(Optional.empty(), send("PROXY UNKNOWN ffff::1 ffff::2 1 2\r\nx").client());
        assertEquals("x", rest(1));
    }

    @Test
    void v2ProxyOverIpv4AndIpv6WithTlvsSkipped() throws IOException {
        byte[] header = v2(1, 0x11, inet("203.0.113.9", 40000, "127.0.0.1", 7, 40));
        ProxyHeader h = send(concat(header, "data"), 2000);
        assertEquals(Optional.of(new InetSocketAddress("203.0.113.9", 40000)), h.client());
        assertEquals("data", rest(4));
        ProxyHeader h6 = send(v2(1, 0x21, inet("2001:db8::9", 443, "::1", 7, 0)), 2000);
        assertEquals(Optional.of(new InetSocketAddress("2001:db8::9", 443)), h6.client());
    }

    @Test
    void v2LocalIsTheProxysOwnConnection() throws IOException {
        ProxyHeader h = send(v2(0, 0x00, new byte[0]), 2000);
        assertTrue(h.local());
        assertEquals(Optional.empty(), h.client());
        ProxyHeader unspec = send(v2(1, 0x00, new byte[0]), 2000);
        assertFalse(unspec.local());
        assertEquals(Optional.empty(), unspec.client(), "UNSPEC keeps the connection's own address");
    }

    @Test
    void wrongSignatureAndGarbageAreRefused() {
        assertThrows(ProxyHeader.BadProxyHeader.class, () -> send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertThrows(ProxyHeader.BadProxyHeader.class, () -> send("PROXY TCP4 1.2.3.4 5.6.7.8 99999 1\r\n"));
        assertThrows(ProxyHeader.BadProxyHeader.class, () -> send("PROXY TCP4 ::1 ::1 1 1\r\n"));
        assertThrows(ProxyHeader.BadProxyHeader.class, () -> send("PROXY TCP4 example.com 1.2.3.4 1 1\r\n"));
        assertThrows(ProxyHeader.BadProxyHeader.class, () -> send("PROXYTCP4 1.2.3.4 5.6.7.8 1 1\r\n"));
    }

    @Test
    void aV1HeaderWithoutItsEndStopsAtItsBound() {
        IOException e = assertThrows(ProxyHeader.BadProxyHeader.class,
                () -> send("PROXY TCP4 " + "1".repeat(300) + "\r\n"));
        assertTrue(e.getMessage().contains("longer than 107 bytes"), e.getMessage());
    }

    @Test
    void v2LengthsThatLieAreRefused() throws IOException {
        // Says IPv4 but carries 4 bytes of addresses.
        assertThrows(ProxyHeader.BadProxyHeader.class, () -> send(v2(1, 0x11, new byte[4]), 2000));
        // Says 60,000 bytes follow: refused from the length alone, before reading them.
        byte[] huge = v2(1, 0x11, new byte[0]);
        huge[14] = (byte) 0xEA;
        huge[15] = 0x60;
        IOException e = assertThrows(ProxyHeader.BadProxyHeader.class, () -> send(huge, 2000));
        assertTrue(e.getMessage().contains("more than " + ProxyHeader.MAX_LENGTH), e.getMessage());
    }

    @Test
    void aV2HeaderThatPromisesMoreThanItSendsTimesOut() throws IOException {
        byte[] header = v2(1, 0x11, inet("203.0.113.9", 1, "127.0.0.1", 7, 0));
        byte[] cut = Arrays.copyOf(header, header.length - 5);
        assertThrows(SocketTimeoutException.class, () -> send(cut, 300));
    }

    @Test
    void aSlowHeaderMissesItsTotalDeadlineHoweverTheBytesDribble() throws Exception {
        Thread dribbler = new Thread(() -> {
            try {
                OutputStream out = proxy.getOutputStream();
                for (byte b : "PROXY TCP4 192.0.2.7 198.51.100.2 56324 7\r\n".getBytes(StandardCharsets.US_ASCII)) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (IOException | InterruptedException e) {
                // the reader gave up and closed
            }
        });
        dribbler.start();
        assertThrows(SocketTimeoutException.class,
                () -> ProxyHeader.read(new ChannelHeaderBytes(accepted, System.nanoTime() + 500_000_000L)));
        accepted.close();
        dribbler.join(5000);
    }

    @Test
    void aTruncatedHeaderAndAnEmptyConnectionAreToldApart() throws IOException {
        proxy.getOutputStream().write("PROXY TCP4 192.0.2.7".getBytes(StandardCharsets.US_ASCII));
        proxy.shutdownOutput();
        EOFException truncated = assertThrows(EOFException.class,
                () -> ProxyHeader.read(new ChannelHeaderBytes(accepted, System.nanoTime() + 2_000_000_000L)));
        assertFalse(truncated instanceof ChannelHeaderBytes.NothingSent);

        close();
        connect();
        proxy.shutdownOutput();
        assertThrows(ChannelHeaderBytes.NothingSent.class,
                () -> ProxyHeader.read(new ChannelHeaderBytes(accepted, System.nanoTime() + 2_000_000_000L)));
    }

    /** Random bytes after each valid prefix: every outcome is a header or an IOException, within the bound. */
    @Test
    void fuzzedHeadersNeverFailAnyOtherWayNorReadPastTheBound() throws IOException {
        Random random = new Random(862);
        byte[][] prefixes = {"PROXY ".getBytes(StandardCharsets.US_ASCII), "PROXY TCP4 ".getBytes(StandardCharsets.US_ASCII),
                ProxyHeader.V2_SIGNATURE, v2(1, 0x11, new byte[0])};
        for (int i = 0; i < 5000; i++) {
            byte[] prefix = prefixes[i % prefixes.length];
            byte[] bytes = Arrays.copyOf(prefix, prefix.length + random.nextInt(200));
            for (int j = prefix.length; j < bytes.length; j++) {
                bytes[j] = (byte) random.nextInt(256);
            }
            int[] consumed = {0};
            ProxyHeader.HeaderBytes in = n -> {
                if (consumed[0] + n > bytes.length) {
                    throw new EOFException("end of the fuzzed input");
                }
                consumed[0] += n;
                return Arrays.copyOfRange(bytes, consumed[0] - n, consumed[0]);
            };
            try {
                ProxyHeader.read(in);
            } catch (IOException expected) {
                // refused, as it should be
            }
            assertTrue(consumed[0] <= ProxyHeader.MAX_LENGTH, "read " + consumed[0] + " bytes");
        }
    }
}
