package dev.switchboard.plugins.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every error status and limit, over raw sockets. */
class ProtocolErrorsTest {

    @RegisterExtension
    static final SiteExtension SITE = new SiteExtension(Map.of("header-timeout", "1s", "keep-alive-timeout", "3s"));

    static RawClient.Reply exchange(String request) throws Exception {
        try (RawClient raw = new RawClient(SITE.port())) {
            return raw.send(request).read();
        }
    }

    /** A response that says Connection: close, after which the server does close. */
    static RawClient.Reply answeredThenClosed(String request) throws Exception {
        try (RawClient raw = new RawClient(SITE.port())) {
            RawClient.Reply reply = raw.send(request).read();
            assertEquals("close", reply.header("connection"));
            assertTrue(raw.closedByServer(), "server should close after " + reply.status());
            return reply;
        }
    }

    /** An error that the connection cannot recover from: the page, then the server closes. */
    static RawClient.Reply fatal(String request) throws Exception {
        RawClient.Reply reply = answeredThenClosed(request);
        assertPageRevealsNothing(reply);
        return reply;
    }

    static void assertPageRevealsNothing(RawClient.Reply reply) {
        String page = reply.text();
        assertTrue(page.contains("<h1>" + reply.status() + " "), page);
        assertFalse(page.contains(SITE.directory().toString()), page);
        assertFalse(page.contains("Exception"), page);
        assertFalse(page.contains(System.getProperty("java.version")), page);
        assertEquals("Switchboard", reply.header("server"));
    }

    @Test
    void requestLineOver8KiBIs414() throws Exception {
        assertEquals(414, fatal("GET /" + "a".repeat(8200) + " HTTP/1.1\r\nHost: x\r\n\r\n").status());
    }

    @Test
    void requestLineJustUnder8KiBIsServed() throws Exception {
        String path = "/" + "a".repeat(8192 - "GET / HTTP/1.1".length());
        assertEquals(404, exchange("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").status());
    }

    @Test
    void headerSectionOver32KiBIs431() throws Exception {
        String big = ("X-Filler: " + "b".repeat(1000) + "\r\n").repeat(33);
        assertEquals(431, fatal("GET / HTTP/1.1\r\nHost: x\r\n" + big + "\r\n").status());
    }

    @Test
    void moreThan100HeaderFieldsIs431() throws Exception {
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            fields.append("X-F").append(i).append(": v\r\n");
        }
        assertEquals(431, fatal("GET / HTTP/1.0\r\n" + fields + "\r\n").status());
        fields.setLength(0);
        for (int i = 0; i < 99; i++) {
            fields.append("X-F").append(i).append(": v\r\n");
        }
        assertEquals(200, exchange("GET / HTTP/1.1\r\nHost: x\r\n" + fields + "\r\n").status());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET /\r\n\r\n",
        "GET  / HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET / HTTP/1.1 extra\r\nHost: x\r\n\r\n",
        "GET / HTTP/x.y\r\nHost: x\r\n\r\n",
        "GET / http/1.1\r\nHost: x\r\n\r\n",
        "G(T / HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET / HTTP/1.1\r\nHost : x\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n",
        "GET / HTTP/1.1\r\nNoColon\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\rY: z\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
    })
    void malformedRequestIs400AndCloses(String request) throws Exception {
        assertEquals(400, fatal(request).status());
    }

    @Test
    void missingDuplicateOrMalformedHostIs400() throws Exception {
        assertEquals(400, exchange("GET / HTTP/1.1\r\n\r\n").status());
        assertEquals(400, exchange("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n").status());
        assertEquals(400, exchange("GET / HTTP/1.1\r\nHost: a b\r\n\r\n").status());
        assertEquals(400, exchange("GET / HTTP/1.1\r\nHost: a/b\r\n\r\n").status());
        assertEquals(200, exchange("GET / HTTP/1.0\r\n\r\n").status());
        assertEquals(200, exchange("GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n").status());
        assertEquals(200, exchange("GET / HTTP/1.1\r\nHost: example.org:80\r\n\r\n").status());
        assertEquals(200, exchange("GET / HTTP/1.1\r\nHost:\r\n\r\n").status());
    }

    @ParameterizedTest
    @CsvSource({"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"})
    void otherKnownMethodsAre405WithAllow(String method) throws Exception {
        RawClient.Reply reply = exchange(method + " /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(405, reply.status());
        assertEquals("GET, HEAD", reply.header("allow"));
        assertPageRevealsNothing(reply);
    }

    @Test
    void unknownMethodIs501() throws Exception {
        assertEquals(501, exchange("BREW /pot HTTP/1.1\r\nHost: x\r\n\r\n").status());
        assertEquals(501, exchange("get / HTTP/1.1\r\nHost: x\r\n\r\n").status());
    }

    @ParameterizedTest
    @CsvSource({"HTTP/2.0", "HTTP/0.9", "HTTP/3.0"})
    void otherMajorVersionsAre505(String version) throws Exception {
        assertEquals(505, fatal("GET / " + version + "\r\nHost: x\r\n\r\n").status());
    }

    @Test
    void laterMinorVersionIsAnsweredAsHttp11() throws Exception {
        assertEquals(200, exchange("GET / HTTP/1.7\r\nHost: x\r\n\r\n").status());
    }

    @Test
    void postBodyIsSkippedSoTheNextRequestOnTheConnectionWorks() throws Exception {
        try (RawClient raw = new RawClient(SITE.port())) {
            raw.send("POST /hello.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 22\r\n\r\nGET /evil HTTP/1.1\r\n\r\n"
                    + "GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(405, raw.read().status());
            RawClient.Reply next = raw.read();
            assertEquals(200, next.status());
            assertEquals("hello, world\n", next.text());
        }
    }

    @Test
    void getWithSmallBodyStillWorksAndStaysInSync() throws Exception {
        try (RawClient raw = new RawClient(SITE.port())) {
            raw.send("GET /hello.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                    + "HEAD /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, raw.read().status());
            RawClient.Reply head = raw.read(true);
            assertEquals(200, head.status());
            assertEquals("13", head.header("content-length"));
        }
    }

    @Test
    void chunkedBodyIsAnsweredThenTheConnectionCloses() throws Exception {
        assertEquals(405, answeredThenClosed("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n").status());
    }

    @Test
    void hugeBodyIsAnsweredThenTheConnectionCloses() throws Exception {
        assertEquals(405, answeredThenClosed("PUT /x HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n"
                + "z".repeat(1000)).status());
    }

    @Test
    void dribblingClientIsCutOffAfterHeaderTimeoutInTotal() throws Exception {
        try (RawClient raw = new RawClient(SITE.port())) {
            long start = System.nanoTime();
            String request = "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + "s".repeat(100) + "\r\n\r\n";
            // One byte every 100 ms: each read is quick, the whole head would take 12 s.
            for (int i = 0; i < request.length() && !raw.hasReply(); i++) {
                raw.send(request.substring(i, i + 1));
                Thread.sleep(100);
            }
            RawClient.Reply reply = raw.read();
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(408, reply.status());
            assertTrue(raw.closedByServer());
            assertTrue(elapsedMs < 3000, "cut off after " + elapsedMs + " ms");
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosedAfterTimeout() throws Exception {
        try (RawClient raw = new RawClient(SITE.port())) {
            assertEquals(200, raw.send("GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n").read().status());
            long elapsedMs = millisUntilClosed(raw);
            assertTrue(elapsedMs >= 2800 && elapsedMs < 6000, "closed after " + elapsedMs + " ms, not keep-alive-timeout");
        }
    }

    @Test
    void silentNewConnectionIsClosedAfterHeaderTimeout() throws Exception {
        try (RawClient raw = new RawClient(SITE.port())) {
            long elapsedMs = millisUntilClosed(raw);
            assertTrue(elapsedMs >= 800 && elapsedMs < 2500, "closed after " + elapsedMs + " ms, not header-timeout");
        }
    }

    private static long millisUntilClosed(RawClient raw) throws Exception {
        long start = System.nanoTime();
        raw.timeout(8000);
        assertTrue(raw.closedByServer());
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (RawClient raw = new RawClient(SITE.port())) {
            raw.send("GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "HEAD /style.css HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /missing HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /docs/ HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /style.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    + "GET /never HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("hello, world\n", raw.read().text());
            RawClient.Reply head = raw.read(true);
            assertEquals("6", head.header("content-length"));
            assertEquals(404, raw.read().status());
            assertEquals("<h1>docs</h1>", raw.read().text());
            RawClient.Reply last = raw.read();
            assertEquals("body{}", last.text());
            assertEquals("close", last.header("connection"));
            assertTrue(raw.closedByServer());
        }
    }

    @Test
    void http10ClosesUnlessAskedToKeepAlive() throws Exception {
        assertEquals("hello, world\n", answeredThenClosed("GET /hello.txt HTTP/1.0\r\n\r\n").text());
        try (RawClient raw = new RawClient(SITE.port())) {
            RawClient.Reply first = raw.send("GET /hello.txt HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
            assertEquals("keep-alive", first.header("connection"));
            RawClient.Reply second = raw.send("GET /style.css HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").read();
            assertEquals("body{}", second.text());
        }
    }

    @Test
    void connectionCloseIsHonoured() throws Exception {
        assertEquals(200, answeredThenClosed("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status());
    }

    @Test
    void leadingEmptyLinesAreIgnoredAndKeepAliveIsDefault() throws Exception {
        try (RawClient raw = new RawClient(SITE.port())) {
            RawClient.Reply reply = raw.send("\r\nGET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertEquals(200, reply.status());
            assertNull(reply.header("connection"));
        }
    }
}
