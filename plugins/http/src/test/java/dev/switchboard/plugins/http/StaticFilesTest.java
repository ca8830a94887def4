package dev.switchboard.plugins.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StaticFilesTest {

    @RegisterExtension
    static final SiteExtension SITE = new SiteExtension(Map.of("directory-listing", "true"));

    static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        return Client.get(SITE.port(), path, headers);
    }

    static String text(HttpResponse<byte[]> response) {
        return Client.text(response);
    }

    @Test
    void servesFileWithTypeLengthDateAndServer() throws Exception {
        HttpResponse<byte[]> response = get("/hello.txt");
        assertEquals(200, response.statusCode());
        assertEquals("hello, world\n", text(response));
        assertEquals("text/plain; charset=utf-8", response.headers().firstValue("content-type").orElseThrow());
        assertEquals("13", response.headers().firstValue("content-length").orElseThrow());
        assertEquals("Switchboard", response.headers().firstValue("server").orElseThrow());
        Instant date = HttpDates.parse(response.headers().firstValue("date").orElseThrow()).orElseThrow();
        assertTrue(Duration.between(date, Instant.now()).abs().toSeconds() < 5);
        assertEquals("text/css; charset=utf-8", get("/style.css").headers().firstValue("content-type").orElseThrow());
    }

    @Test
    void servesIndexForRootAndDirectories() throws Exception {
        assertEquals("<h1>home</h1>", text(get("/")));
        assertEquals("<h1>docs</h1>", text(get("/docs/")));
        assertEquals("text/html; charset=utf-8", get("/docs/").headers().firstValue("content-type").orElseThrow());
    }

    @Test
    void redirectsDirectoryWithoutSlashKeepingQuery() throws Exception {
        HttpResponse<byte[]> response = get("/docs?x=1");
        assertEquals(301, response.statusCode());
        assertEquals("/docs/?x=1", response.headers().firstValue("location").orElseThrow());
    }

    @Test
    void redirectCannotPointToAnotherHost() throws Exception {
        try (RawClient raw = new RawClient(SITE.port())) {
            RawClient.Reply reply = raw.send("GET //docs HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertEquals(301, reply.status());
            assertEquals("/docs/", reply.header("location"));
        }
    }

    @Test
    void answersMissingFileWith404Page() throws Exception {
        HttpResponse<byte[]> response = get("/nope.html");
        assertEquals(404, response.statusCode());
        assertTrue(text(response).contains("404 Not Found"));
        assertFalse(text(response).contains(SITE.directory().toString()));
        assertEquals(404, get("/hello.txt/").statusCode());
    }

    @Test
    void headHasGetsFieldsWithoutBody() throws Exception {
        HttpResponse<byte[]> response = Client.send("HEAD", SITE.port(), "/large.bin");
        assertEquals(200, response.statusCode());
        assertEquals(String.valueOf(TestSite.LARGE_SIZE), response.headers().firstValue("content-length").orElseThrow());
        assertEquals(0, response.body().length);
    }

    @Test
    void sendsLargeFileWhole() throws Exception {
        HttpResponse<byte[]> response = get("/large.bin");
        assertEquals(200, response.statusCode());
        assertEquals("application/octet-stream", response.headers().firstValue("content-type").orElseThrow());
        assertArrayEquals(SITE.site().large, response.body());
    }

    @Test
    void servesChangedFileAfterItWasCached() throws Exception {
        java.nio.file.Path file = SITE.site().root.resolve("changing.txt");
        Files.writeString(file, "first");
        assertEquals("first", text(get("/changing.txt")));
        assertEquals("first", text(get("/changing.txt")));
        Files.writeString(file, "second!");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals("second!", text(get("/changing.txt")));
    }

    @Test
    void followsSymlinkThatStaysInsideRoot() throws Exception {
        assertEquals("hello, world\n", text(get("/inside.txt")));
    }

    @Test
    void listsOnlyWhatARequestCouldFetch() throws Exception {
        java.nio.file.Path mixed = Files.createDirectories(SITE.site().root.resolve("mixed"));
        Files.writeString(mixed.resolve("a.txt"), "a");
        Files.createDirectories(mixed.resolve("sub"));
        Files.writeString(mixed.resolve(".dot"), "hidden");
        Files.createSymbolicLink(mixed.resolve("in.txt"), SITE.site().root.resolve("hello.txt"));
        Files.createSymbolicLink(mixed.resolve("in-dir"), SITE.site().root.resolve("docs"));
        Files.createSymbolicLink(mixed.resolve("out.txt"), SITE.site().outside.resolve("secret.txt"));
        Files.createSymbolicLink(mixed.resolve("out"), SITE.site().outside);
        String html = text(get("/mixed/"));
        for (String shown : new String[] {">a.txt<", ">sub/<", ">in.txt<", ">in-dir/<"}) {
            assertTrue(html.contains(shown), shown + " in " + html);
        }
        for (String hidden : new String[] {".dot", "out.txt", ">out/<"}) {
            assertFalse(html.contains(hidden), hidden + " in " + html);
        }
    }

    @Test
    void listsDirectoryWithEscapedNamesWhenEnabled() throws Exception {
        HttpResponse<byte[]> response = get("/empty/");
        assertEquals(200, response.statusCode());
        String html = text(response);
        assertTrue(html.contains("a&amp;b &lt;c&gt;.txt"), html);
        assertTrue(html.contains("href=\"a%26b%20%3Cc%3E.txt\""), html);
        assertFalse(html.contains("<c>"));
    }

    @Test
    void reusesOneConnectionForManyRequests() throws Exception {
        try (RawClient raw = new RawClient(SITE.port())) {
            for (int i = 0; i < 5; i++) {
                RawClient.Reply reply = raw.send("GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n").read();
                assertEquals(200, reply.status());
                assertEquals("hello, world\n", reply.text());
                assertEquals(null, reply.header("connection"));
            }
        }
    }
}
