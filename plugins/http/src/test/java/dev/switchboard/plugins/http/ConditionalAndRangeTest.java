package dev.switchboard.plugins.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Validators, conditional requests (304, 412) and single byte ranges (206, 416), small and large files. */
class ConditionalAndRangeTest {

    @RegisterExtension
    static final SiteExtension SITE = new SiteExtension();

    static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        return Client.get(SITE.port(), path, headers);
    }

    static String header(HttpResponse<?> response, String name) {
        return Client.header(response, name);
    }

    @Test
    void matchingEtagGives304WithoutBody() throws Exception {
        HttpResponse<byte[]> first = get("/hello.txt");
        String etag = header(first, "etag");
        assertTrue(etag.matches("\"[0-9a-f]+-[0-9a-f]+\""), etag);
        HttpResponse<byte[]> again = get("/hello.txt", "If-None-Match", "\"other\", " + etag);
        assertEquals(304, again.statusCode());
        assertEquals(0, again.body().length);
        assertEquals(etag, header(again, "etag"));
        assertEquals(304, get("/hello.txt", "If-None-Match", "W/" + etag).statusCode());
        assertEquals(304, get("/hello.txt", "If-None-Match", "*").statusCode());
        assertEquals(200, get("/hello.txt", "If-None-Match", "\"other\"").statusCode());
    }

    @Test
    void ifModifiedSinceGives304UnlessChanged() throws Exception {
        String lastModified = header(get("/hello.txt"), "last-modified");
        assertEquals(304, get("/hello.txt", "If-Modified-Since", lastModified).statusCode());
        String later = HttpDates.format(Instant.now().plusSeconds(3600));
        assertEquals(304, get("/hello.txt", "If-Modified-Since", later).statusCode());
        String earlier = HttpDates.format(HttpDates.parse(lastModified).orElseThrow().minusSeconds(1));
        assertEquals(200, get("/hello.txt", "If-Modified-Since", earlier).statusCode());
        assertEquals(200, get("/hello.txt", "If-Modified-Since", "not a date").statusCode());
    }

    @Test
    void ifNoneMatchWinsOverIfModifiedSince() throws Exception {
        String lastModified = header(get("/hello.txt"), "last-modified");
        assertEquals(200, get("/hello.txt", "If-None-Match", "\"other\"", "If-Modified-Since", lastModified)
                .statusCode());
    }

    @Test
    void failedIfMatchIs412() throws Exception {
        assertEquals(412, get("/hello.txt", "If-Match", "\"nope\"").statusCode());
        String etag = header(get("/hello.txt"), "etag");
        assertEquals(200, get("/hello.txt", "If-Match", etag).statusCode());
        assertEquals(412, get("/hello.txt", "If-Unmodified-Since", "Sat, 01 Jan 2000 00:00:00 GMT").statusCode());
    }

    @Test
    void singleRangeGives206WithContentRange() throws Exception {
        HttpResponse<byte[]> response = get("/hello.txt", "Range", "bytes=0-4");
        assertEquals(206, response.statusCode());
        assertEquals("hello", new String(response.body()));
        assertEquals("bytes 0-4/13", header(response, "content-range"));
        assertEquals("5", header(response, "content-length"));
        assertEquals("bytes", header(response, "accept-ranges"));
        assertEquals("world\n", new String(get("/hello.txt", "Range", "bytes=7-").body()));
        assertEquals("ld\n", new String(get("/hello.txt", "Range", "bytes=-3").body()));
        assertEquals("hello, world\n", new String(get("/hello.txt", "Range", "bytes=0-999").body()));
    }

    @Test
    void anEndPastTheLengthMeansToTheEnd() throws Exception {
        for (String end : new String[] {"13", "9223372036854775807", "99999999999999999999999"}) {
            HttpResponse<byte[]> response = get("/hello.txt", "Range", "bytes=0-" + end);
            assertEquals(206, response.statusCode(), end);
            assertEquals("bytes 0-12/13", header(response, "content-range"), end);
            assertEquals("hello, world\n", new String(response.body()), end);
        }
        HttpResponse<byte[]> large = get("/large.bin", "Range", "bytes=3-9223372036854775807");
        assertEquals(206, large.statusCode());
        assertEquals("bytes 3-" + (TestSite.LARGE_SIZE - 1) + "/" + TestSite.LARGE_SIZE, header(large, "content-range"));
        assertArrayEquals(Arrays.copyOfRange(SITE.site().large, 3, TestSite.LARGE_SIZE), large.body());
    }

    @Test
    void aSuffixLongerThanTheFileIsTheWholeFileAs206() throws Exception {
        HttpResponse<byte[]> response = get("/hello.txt", "Range", "bytes=-9223372036854775807");
        assertEquals(206, response.statusCode());
        assertEquals("bytes 0-12/13", header(response, "content-range"));
        assertEquals("hello, world\n", new String(response.body()));
    }

    @Test
    void rangeOfLargeFileIsSentZeroCopyAndExact() throws Exception {
        int from = 1_000_000;
        int to = 2_500_000;
        HttpResponse<byte[]> response = get("/large.bin", "Range", "bytes=" + from + "-" + to);
        assertEquals(206, response.statusCode());
        assertEquals("bytes " + from + "-" + to + "/" + TestSite.LARGE_SIZE, header(response, "content-range"));
        assertArrayEquals(Arrays.copyOfRange(SITE.site().large, from, to + 1), response.body());
    }

    @Test
    void unsatisfiableRangeIs416WithSize() throws Exception {
        HttpResponse<byte[]> response = get("/hello.txt", "Range", "bytes=13-");
        assertEquals(416, response.statusCode());
        assertEquals("bytes */13", header(response, "content-range"));
        assertEquals(416, get("/large.bin", "Range", "bytes=" + TestSite.LARGE_SIZE + "-").statusCode());
        HttpResponse<byte[]> huge = get("/large.bin", "Range", "bytes=99999999999999999999-");
        assertEquals(416, huge.statusCode());
        assertEquals("bytes */" + TestSite.LARGE_SIZE, header(huge, "content-range"));
    }

    @Test
    void multipleOrMalformedRangesGetTheWholeFile() throws Exception {
        for (String range : new String[] {"bytes=0-1,3-4", "bytes=0-1, 100-200", "bytes=5-2", "bytes=x-y", "lines=1-2"}) {
            HttpResponse<byte[]> response = get("/hello.txt", "Range", range);
            assertEquals(200, response.statusCode(), range);
            assertEquals("hello, world\n", new String(response.body()), range);
        }
    }

    @Test
    void staleIfRangeGetsTheWholeFile() throws Exception {
        String etag = header(get("/hello.txt"), "etag");
        assertEquals(206, get("/hello.txt", "Range", "bytes=0-1", "If-Range", etag).statusCode());
        assertEquals(200, get("/hello.txt", "Range", "bytes=0-1", "If-Range", "\"old\"").statusCode());
    }
}
