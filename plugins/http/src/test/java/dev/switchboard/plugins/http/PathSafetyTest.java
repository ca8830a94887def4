package dev.switchboard.plugins.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** No request target, however encoded, reads anything outside the root. */
class PathSafetyTest {

    @RegisterExtension
    static final SiteExtension SITE = new SiteExtension();

    static Stream<String> hostileTargets() {
        List<String> targets = new ArrayList<>(List.of(
                "/../secret.txt",
                "/../../../../../../etc/passwd",
                "/docs/../../secret.txt",
                "/./../secret.txt",
                "/..",
                "/docs/.",
                "/%2e%2e/secret.txt",
                "/%2E%2E/secret.txt",
                "/.%2e/secret.txt",
                "/%2e./secret.txt",
                "/%2e%2e%2fsecret.txt",
                "/..%2fsecret.txt",
                "/..%2Fsecret.txt",
                "/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "/docs/%2e%2e/%2e%2e/secret.txt",
                "/%252e%252e/secret.txt",
                "/%252e%252e%252fsecret.txt",
                "/..\\secret.txt",
                "/..%5csecret.txt",
                "/%5c..%5csecret.txt",
                "/docs/..%5c..%5csecret.txt",
                "/hello.txt%00.html",
                "/%00",
                "/..%00/secret.txt",
                "/hello.txt%0a",
                "/%c0%ae%c0%ae/secret.txt",
                "/%c0%af..%c0%afsecret.txt",
                "/%e0%80%ae%e0%80%ae/secret.txt",
                "/%c1%9c..%c1%9csecret.txt",
                "/%ff%fe/secret.txt",
                "/%u002e%u002e/secret.txt",
                "/%2",
                "/escape/secret.txt",
                "/escape/",
                "/escape",
                "/escape.txt",
                "/escape%2fsecret.txt",
                "/escape/../secret.txt",
                "//etc/passwd",
                "///" + SITE.directory().resolve("secret.txt"),
                SITE.directory().resolve("outside/secret.txt").toString(),
                "/..;/secret.txt",
                "/file:///etc/passwd",
                "/C:%5cWindows%5cwin.ini",
                "http://localhost/../secret.txt",
                "http://localhost/%2e%2e/secret.txt",
                "http://localhost/escape/secret.txt",
                "secret.txt",
                "../secret.txt",
                "*",
                "/.hidden",
                "/%2ehidden",
                "/docs/../.hidden"));
        return targets.stream();
    }

    @ParameterizedTest
    @MethodSource("hostileTargets")
    void hostileTargetNeverReadsOutsideRoot(String target) throws Exception {
        try (RawClient raw = new RawClient(SITE.port())) {
            RawClient.Reply reply = raw.send("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n").read();
            assertTrue(reply.status() == 400 || reply.status() == 404, target + " -> " + reply.status());
            assertFalse(reply.text().contains(TestSite.SECRET), target + " leaked the secret");
            assertFalse(reply.text().contains(SITE.directory().toString()), target + " revealed a path");
        }
    }

    @Test
    void suiteHasAtLeastThirtyHostileTargets() {
        assertTrue(hostileTargets().count() >= 30);
    }

    @Test
    void percentDecodingHappensExactlyOnce() throws Exception {
        try (RawClient raw = new RawClient(SITE.port())) {
            RawClient.Reply reply = raw.send("GET /%252e%252e HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertEquals(200, reply.status());
            assertEquals("literal name, not a dot segment", reply.text());
        }
    }

    @Test
    void dotFilesAreServedOnlyWhenAskedFor(@TempDir java.nio.file.Path other) throws Exception {
        try (TestSite open = new TestSite(other, Map.of("serve-hidden", "true"));
                RawClient raw = new RawClient(open.port())) {
            RawClient.Reply reply = raw.send("GET /.hidden HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertEquals(200, reply.status());
            assertEquals("hidden dot-file", reply.text());
            RawClient.Reply escape = raw.send("GET /escape/secret.txt HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertEquals(404, escape.status());
        }
    }

    @Test
    void symlinksInsideTheRootAreRefusedWhenNotFollowed(@TempDir java.nio.file.Path other) throws Exception {
        try (TestSite strict = new TestSite(other, Map.of("follow-symlinks", "false"));
                RawClient raw = new RawClient(strict.port())) {
            assertEquals(404, raw.send("GET /inside.txt HTTP/1.1\r\nHost: x\r\n\r\n").read().status());
            RawClient.Reply target = raw.send("GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertEquals(200, target.status());
            assertEquals("hello, world\n", target.text());
        }
    }
}
