package dev.switchboard.plugins.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Shutting down: idle connections close at once, in-flight responses finish and say Connection: close. */
@Timeout(30)
class DrainTest {

    @Test
    void drainClosesIdleConnectionsAndFinishesInFlightResponses(@TempDir java.nio.file.Path tmp) throws Exception {
        TestSite site = new TestSite(tmp);
        CompletableFuture<Long> stopped = null;
        try (RawClient idle = new RawClient(site.port());
                RawClient halfSent = new RawClient(site.port());
                Socket downloading = new Socket(InetAddress.getLoopbackAddress(), site.port())) {
            assertEquals(200, idle.send("GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n").read().status());
            halfSent.send("GET /hello.txt HTTP/1.1\r\nHost: x\r\n");
            // A large body the client reads slowly, so the server is still sending when the drain starts.
            downloading.setReceiveBufferSize(64 * 1024);
            downloading.setSoTimeout(10_000);
            downloading.getOutputStream().write("GET /large.bin HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = downloading.getInputStream();
            byte[] start = in.readNBytes(1000);
            assertTrue(new String(start, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 200 "));
            site.daemon().awaitActiveClients("http", 3);

            stopped = CompletableFuture.supplyAsync(() -> {
                long t0 = System.nanoTime();
                site.close();
                return (System.nanoTime() - t0) / 1_000_000;
            });
            // Closed long before its 30 s keep-alive timeout: only the drain does that.
            assertTrue(idle.closedByServer(), "idle keep-alive connection closed by the drain");

            RawClient.Reply reply = halfSent.send("\r\n").read();
            assertEquals(200, reply.status());
            assertEquals("hello, world\n", reply.text());
            assertEquals("close", reply.header("connection"));
            assertTrue(halfSent.closedByServer());

            byte[] rest = in.readAllBytes();
            byte[] whole = new byte[start.length + rest.length];
            System.arraycopy(start, 0, whole, 0, start.length);
            System.arraycopy(rest, 0, whole, start.length, rest.length);
            int bodyAt = indexOf(whole, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) + 4;
            byte[] body = java.util.Arrays.copyOfRange(whole, bodyAt, whole.length);
            assertArrayEquals(site.large, body, "the in-flight download completed before the close");

            long tookMs = stopped.get(10, TimeUnit.SECONDS);
            assertTrue(tookMs < 2900, "stopped within the 3 s grace: " + tookMs + " ms");
        } finally {
            if (stopped == null) {
                site.close();
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
