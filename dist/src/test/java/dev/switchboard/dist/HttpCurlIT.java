package dev.switchboard.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The packaged daemon's http service and its shipped www/, as curl (a real client, its own process) sees it. */
@Timeout(120)
class HttpCurlIT {

    static final String HTTP_ONLY = """
            daemon:
              bind: 127.0.0.1
              shutdown-grace: 3s
            defaults:
              max-connects-per-second-per-ip: 0
            services:
              http:
                port: 0
                root: www
              echo:
                port: 0
            """;

    @TempDir
    static Path tmp;
    static DistributionDaemon daemon;
    static String base;
    static byte[] big;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Curl.available(), "curl is not installed (apt-get install curl)");
        daemon = DistributionDaemon.install(tmp);
        daemon.writeConfig(HTTP_ONLY);
        big = new byte[2 * 1024 * 1024];
        new Random(3).nextBytes(big);
        Files.write(daemon.home().resolve("www/big.bin"), big);
        daemon.start();
        base = "http://127.0.0.1:" + daemon.port("http");
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void servesTheShippedIndexPage() throws Exception {
        Curl.Result page = Curl.run("-sS", "-D", "-", base + "/");
        assertTrue(page.out().startsWith("HTTP/1.1 200 OK\r\n"), page.out());
        assertTrue(page.out().contains("Content-Type: text/html; charset=utf-8\r\n"), page.out());
        assertTrue(page.out().contains("http://localhost:7070/"), "points to the admin service's dashboard");
    }

    @Test
    void headGivesFieldsWithoutBody() throws Exception {
        Curl.Result head = Curl.run("-sS", "-I", base + "/big.bin");
        assertTrue(head.out().startsWith("HTTP/1.1 200 OK\r\n"), head.out());
        assertTrue(head.out().contains("Content-Length: " + big.length + "\r\n"), head.out());
        assertTrue(head.out().endsWith("\r\n\r\n"), "nothing after the header section");
    }

    @Test
    void rangeGivesThePartAsked() throws Exception {
        Path part = tmp.resolve("part");
        Curl.Result range = Curl.run("-sS", "-r", "1000-1999999", "-o", part.toString(), "-w", "%{http_code}",
                base + "/big.bin");
        assertEquals("206", range.out());
        assertArrayEquals(Arrays.copyOfRange(big, 1000, 2_000_000), Files.readAllBytes(part));
        assertEquals("416", Curl.run("-sS", "-r", "5000000-", "-o", "/dev/null", "-w", "%{http_code}",
                base + "/big.bin").out());
    }

    @Test
    void rangesAreClampedAsRfc9110Says() throws Exception {
        String size = String.valueOf(big.length);
        Path part = tmp.resolve("clamped");
        String head = Curl.run("-sS", "-r", "0-9223372036854775807", "-D", "-", "-o", part.toString(),
                base + "/big.bin").out();
        assertTrue(head.startsWith("HTTP/1.1 206 "), head);
        assertTrue(head.contains("Content-Range: bytes 0-" + (big.length - 1) + "/" + size + "\r\n"), head);
        assertArrayEquals(big, Files.readAllBytes(part));
        String unsatisfiable = Curl.run("-sS", "-r", "99999999999999999999-", "-D", "-", "-o", "/dev/null",
                base + "/big.bin").out();
        assertTrue(unsatisfiable.startsWith("HTTP/1.1 416 "), unsatisfiable);
        assertTrue(unsatisfiable.contains("Content-Range: bytes */" + size + "\r\n"), unsatisfiable);
        String multiple = Curl.run("-sS", "-r", "0-1,5-9", "-o", part.toString(), "-w", "%{http_code}",
                base + "/big.bin").out();
        assertEquals("200", multiple, "several ranges are answered with the whole file");
        assertArrayEquals(big, Files.readAllBytes(part));
        String etag = field(Curl.run("-sS", "-I", base + "/big.bin").out(), "ETag");
        assertEquals("206", Curl.run("-sS", "-r", "0-9", "-H", "If-Range: " + etag, "-o", "/dev/null",
                "-w", "%{http_code}", base + "/big.bin").out());
        assertEquals("200", Curl.run("-sS", "-r", "0-9", "-H", "If-Range: \"stale\"", "-o", "/dev/null",
                "-w", "%{http_code}", base + "/big.bin").out());
    }

    @Test
    void conditionalRequestsGive304() throws Exception {
        String head = Curl.run("-sS", "-I", base + "/big.bin").out();
        String etag = field(head, "ETag");
        String lastModified = field(head, "Last-Modified");
        assertEquals("304", Curl.run("-sS", "-o", "/dev/null", "-w", "%{http_code}", "-H", "If-None-Match: " + etag,
                base + "/big.bin").out());
        assertEquals("304", Curl.run("-sS", "-o", "/dev/null", "-w", "%{http_code}", "-z", lastModified,
                base + "/big.bin").out());
    }

    @Test
    void http10WithoutKeepAliveIsClosedAfterTheResponse() throws Exception {
        Curl.Result old = Curl.run("-sS", "-0", "-D", "-", "-o", "/dev/null", base + "/");
        assertTrue(old.out().startsWith("HTTP/1.1 200 OK\r\n"), old.out());
        assertTrue(old.out().contains("Connection: close\r\n"), old.out());
    }

    @Test
    void reusesOneConnectionForSeveralUrls() throws Exception {
        Curl.Result two = Curl.run("-sS", "-v", "-o", "/dev/null", "-o", "/dev/null", base + "/", base + "/big.bin");
        assertTrue(two.err().contains("Re-using existing connection"), two.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../conf/switchboard.yml", "/%2e%2e/conf/switchboard.yml", "/..%2fconf/switchboard.yml",
        "/%252e%252e/conf/switchboard.yml", "/..%5cconf%5cswitchboard.yml", "/%c0%ae%c0%ae/conf/switchboard.yml",
        "//etc/passwd", "/../../../../etc/passwd", "/www/../../conf/log4j2.xml"})
    void traversalWithPathAsIsNeverLeavesTheRoot(String path) throws Exception {
        Curl.Result result = Curl.run("-sS", "--path-as-is", "-w", "\n%{http_code}", base + path);
        String code = result.out().substring(result.out().lastIndexOf('\n') + 1);
        assertTrue(code.equals("400") || code.equals("404"), path + " -> " + code);
        assertFalse(result.out().contains("services:") || result.out().contains("root:x:")
                || result.out().contains("<Configuration"), path + " leaked a file");
    }

    @Test
    void everyRequestLandsInTheAccessLog() throws Exception {
        Curl.run("-sS", "-o", "/dev/null", "-A", "access-log-probe", base + "/big.bin?probe");
        Path accessLog = daemon.home().resolve("logs/access.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String log = "";
        while (!log.contains("access-log-probe") && System.nanoTime() < deadline) {
            log = Files.exists(accessLog) ? Files.readString(accessLog) : "";
            Thread.sleep(50);
        }
        assertTrue(log.matches("(?s).*127\\.0\\.0\\.1 - - \\[[^]]+\\] \"GET /big.bin\\?probe HTTP/1.1\" 200 "
                + big.length + " \"-\" \"access-log-probe\"\n.*"), log);
    }

    private static String field(String head, String name) {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ": ", 0, name.length() + 2)) {
                return line.substring(name.length() + 2);
            }
        }
        throw new AssertionError("no " + name + " in " + head);
    }

    /** curl as its own process. */
    static final class Curl {
        record Result(String out, String err) {
        }

        static boolean available() {
            try {
                return new ProcessBuilder("curl", "--version").redirectErrorStream(true).start()
                        .waitFor(10, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                return false;
            }
        }

        static Result run(String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of("curl", "--max-time", "20", "--noproxy", "*"));
            command.addAll(List.of(args));
            Path err = Files.createTempFile("curl", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "curl did not finish");
                String errors = Files.readString(err, StandardCharsets.ISO_8859_1);
                assertEquals(0, p.exitValue(), "curl " + command + " failed: " + errors);
                return new Result(out, errors);
            } finally {
                Files.deleteIfExists(err);
            }
        }
    }
}
