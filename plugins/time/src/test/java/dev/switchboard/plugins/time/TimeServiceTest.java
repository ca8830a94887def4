package dev.switchboard.plugins.time;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.testkit.TestDaemon;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The time protocol served by the real daemon over loopback, in all three formats. */
@Timeout(30)
class TimeServiceTest {

    @TempDir
    static Path tmp;
    static final SettableClock CLOCK = new SettableClock();
    static TestDaemon daemon;

    @BeforeAll
    static void start() {
        daemon = TestDaemon.withConfig("""
                services:
                  time:
                    port: 0
                  daytime:
                    protocol: time
                    port: 0
                    format: daytime
                  iso:
                    protocol: time
                    port: 0
                    format: iso8601
                    zone: Asia/Kolkata
                """).clock(CLOCK).start();
    }

    @AfterAll
    static void stop() {
        daemon.close();
    }

    @AfterEach
    void unpinClock() {
        CLOCK.release();
    }

    @Test
    void rfc868SendsFourBytesWithinASecondOfNowThenCloses() throws IOException {
        long before = Instant.now().getEpochSecond();
        byte[] answer = ask("time");
        long after = Instant.now().getEpochSecond();
        assertEquals(4, answer.length, "four bytes, then the server closed");
        long seconds = ((answer[0] & 0xFFL) << 24) | ((answer[1] & 0xFFL) << 16) | ((answer[2] & 0xFFL) << 8)
                | (answer[3] & 0xFFL);
        long unix = seconds - 2_208_988_800L;
        assertTrue(before - 1 <= unix && unix <= after + 1, unix + " not within 1 s of " + before + ".." + after);
    }

    @Test
    void rfc868WrapsAtTheEndOf2036() throws IOException {
        CLOCK.pin(Instant.parse("2036-02-07T06:28:15Z"));
        assertArrayEquals(new byte[] {-1, -1, -1, -1}, ask("time"));
        CLOCK.pin(Instant.parse("2036-02-07T06:28:16Z"));
        assertArrayEquals(new byte[] {0, 0, 0, 0}, ask("time"));
        CLOCK.pin(Instant.parse("2036-02-07T06:28:17.900Z"));
        assertArrayEquals(new byte[] {0, 0, 0, 1}, ask("time"));
    }

    @Test
    void daytimeIsOneCrlfLineThatParsesBackToNow() throws IOException {
        Instant before = Instant.now();
        String line = new String(ask("daytime"), StandardCharsets.US_ASCII);
        assertTrue(line.endsWith("\r\n") && line.indexOf('\n') == line.length() - 1, "one CRLF line: " + line);
        ZonedDateTime parsed = ZonedDateTime.parse(line.strip().replace("-UTC", " UTC"),
                DateTimeFormatter.ofPattern("EEEE, MMMM d, uuuu HH:mm:ss VV", Locale.US));
        long skew = parsed.toEpochSecond() - before.getEpochSecond();
        assertTrue(skew >= 0 && skew <= 1, "daytime " + line.strip() + " vs " + before);
    }

    @Test
    void daytimeMatchesTheRfcExampleShape() throws IOException {
        CLOCK.pin(Instant.parse("2026-11-25T12:34:56.789Z"));
        assertEquals("Wednesday, November 25, 2026 12:34:56-UTC\r\n",
                new String(ask("daytime"), StandardCharsets.US_ASCII));
    }

    @Test
    void iso8601UsesTheConfiguredZonesOffset() throws IOException {
        CLOCK.pin(Instant.parse("2026-11-25T12:34:56.789Z"));
        String line = new String(ask("iso"), StandardCharsets.US_ASCII);
        assertEquals("2026-11-25T18:04:56.789+05:30\r\n", line);
        assertEquals(Instant.parse("2026-11-25T12:34:56.789Z"), OffsetDateTime.parse(line.strip()).toInstant());
    }

    @Test
    void debiansRdatePrintsTheServedTimeInEra0AndEra1() throws Exception {
        requireRdate();
        CLOCK.pin(Instant.parse("2031-05-06T07:08:09.500Z"));
        assertEquals("Tue May  6 07:08:09 UTC 2031", rdate(daemon.port("time")));
        CLOCK.pin(Instant.parse("2037-05-06T07:08:09Z"));
        assertEquals("Wed May  6 07:08:09 UTC 2037", rdate(daemon.port("time")), "past the 2036 wrap");
    }

    /** The RFC 868 end-to-end check needs Debian's rdate: required on CI, skipped with a reason elsewhere. */
    static void requireRdate() {
        boolean installed = Files.isExecutable(Path.of("/usr/sbin/rdate")) || Files.isExecutable(Path.of("/usr/bin/rdate"));
        String advice = "Debian's rdate is needed for this test: apt-get install -y rdate";
        if (System.getenv("CI") != null) {
            assertTrue(installed, advice);
        }
        assumeTrue(installed, advice);
    }

    /** Runs {@code rdate -p -o PORT 127.0.0.1} (print only, never set the clock) in UTC; returns its output. */
    static String rdate(int port) throws Exception {
        Path output = tmp.resolve("rdate.out");
        ProcessBuilder builder = new ProcessBuilder("rdate", "-p", "-o", Integer.toString(port), "127.0.0.1")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("TZ", "UTC");
        builder.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        Process rdate = builder.start();
        try {
            boolean exited = rdate.waitFor(10, TimeUnit.SECONDS);
            String out = Files.readString(output, StandardCharsets.US_ASCII);
            assertTrue(exited, "rdate did not finish in 10 s: " + out);
            assertEquals(0, rdate.exitValue(), "rdate failed: " + out);
            return out.strip();
        } finally {
            rdate.destroyForcibly();
        }
    }

    /** @return everything the service sends before it closes the connection */
    static byte[] ask(String service) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), daemon.port(service))) {
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            return in.readAllBytes();
        }
    }
}
