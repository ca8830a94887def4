package dev.switchboard.plugins.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file inside the root is swapped back and forth with a symlink to a file outside it
 * ({@code renameat2(RENAME_EXCHANGE)}, through Python's ctypes) while a keep-alive client asks for it
 * thousands of times: not one byte of the outside file is ever served, and the inside file still is.
 */
class SymlinkRaceTest {

    private static final int REQUESTS = 3000;
    private static final long CLIENT_NANOS = TimeUnit.SECONDS.toNanos(20);
    /** Inside files hold only this byte, outside files only {@link #OUTSIDE}: one byte tells them apart. */
    private static final byte INSIDE = 'i';
    private static final byte OUTSIDE = 'X';

    @TempDir
    Path base;

    /** What the client saw. */
    private record Tally(int requests, int leaks, int inside, int other, int reconnects, long swaps) {
    }

    @Test
    void largeZeroCopyFileNeverServesTheOutsideFile() throws Exception {
        Tally tally = race(Map.of("cache-max-file", "64KiB"), "pub/big.txt", 100 * 1024, "/pub/big.txt");
        assertEquals(0, tally.leaks(), "responses with the outside file's bytes: " + tally);
        assertTrue(tally.inside() > 0, "the inside file is still served: " + tally);
    }

    @Test
    void smallCachedFileNeverServesTheOutsideFile() throws Exception {
        Tally tally = race(Map.of(), "pub/small.txt", 1024, "/pub/small.txt");
        assertEquals(0, tally.leaks(), "responses with the outside file's bytes: " + tally);
        assertTrue(tally.inside() > 0, "the inside file is still served: " + tally);
    }

    @Test
    void directoryIndexNeverServesTheOutsideFile() throws Exception {
        Tally tally = race(Map.of("cache-max-file", "1KiB"), "idx/index.html", 8 * 1024, "/idx/");
        assertEquals(0, tally.leaks(), "responses with the outside file's bytes: " + tally);
        assertTrue(tally.inside() > 0, "the inside file is still served: " + tally);
    }

    /**
     * @param file the file under the root that the swapper exchanges with a symlink to outside
     * @param size its size, and the outside file's
     */
    private Tally race(Map<String, String> settings, String file, int size, String target) throws Exception {
        Path swapper = base.resolve("swap.py");
        try (InputStream script = SymlinkRaceTest.class.getResourceAsStream("swap.py")) {
            Files.copy(script, swapper);
        }
        try (TestSite site = new TestSite(base, settings)) {
            Path inside = site.root.resolve(file);
            Files.createDirectories(inside.getParent());
            Files.write(inside, filled(size, INSIDE));
            Path secret = Files.write(site.outside.resolve("race-secret"), filled(size, OUTSIDE));
            Path link = Files.createSymbolicLink(base.resolve("race-link"), secret);
            Process swap = start(swapper, inside, link);
            try {
                Tally tally = hammer(site.port(), target, size);
                swap.getOutputStream().close();  // tells the swapper to stop
                String last = new BufferedReader(new InputStreamReader(swap.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
                assertTrue(swap.waitFor(10, TimeUnit.SECONDS), "swapper stops");
                long swaps = last != null && last.startsWith("swaps ") ? Long.parseLong(last.substring(6)) : -1;
                assertTrue(swaps > 100, "the swapper raced (" + last + ")");
                return new Tally(tally.requests(), tally.leaks(), tally.inside(), tally.other(), tally.reconnects(),
                        swaps);
            } finally {
                swap.destroy();
                swap.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Starts the swapper and waits for it to say it works; skips the test when it cannot. */
    private static Process start(Path swapper, Path a, Path b) throws Exception {
        Process swap;
        try {
            swap = new ProcessBuilder("python3", swapper.toString(), a.toString(), b.toString(), "2000000", "40")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            Assumptions.abort("python3 is needed to run the renameat2 swapper: " + e.getMessage());
            throw e;
        }
        String first = new BufferedReader(new InputStreamReader(swap.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (!"ready".equals(first)) {
            swap.destroy();
            swap.waitFor(5, TimeUnit.SECONDS);
            Assumptions.abort("renameat2(RENAME_EXCHANGE) is needed (Linux): " + first);
        }
        return swap;
    }

    /** One keep-alive connection (a new one only when the server closes it), bounded in count and time. */
    private static Tally hammer(int port, String target, int size) throws IOException {
        byte[] request = ("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        int requests = 0;
        int leaks = 0;
        int inside = 0;
        int other = 0;
        int reconnects = 0;
        long deadline = System.nanoTime() + CLIENT_NANOS;
        RawClient client = new RawClient(port);
        try {
            while (requests < REQUESTS && System.nanoTime() < deadline) {
                requests++;
                RawClient.Reply reply;
                try {
                    reply = client.send(request).read();
                } catch (IOException closed) {
                    client.close();
                    client = new RawClient(port);
                    reconnects++;
                    continue;
                }
                byte[] body = reply.body();
                if (contains(body, OUTSIDE)) {
                    leaks++;
                } else if (reply.status() == 200 && body.length == size) {
                    inside++;
                } else {
                    other++;
                }
            }
        } finally {
            client.close();
        }
        return new Tally(requests, leaks, inside, other, reconnects, 0);
    }

    private static byte[] filled(int size, byte b) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, b);
        return bytes;
    }

    private static boolean contains(byte[] body, byte b) {
        for (byte x : body) {
            if (x == b) {
                return true;
            }
        }
        return false;
    }
}
