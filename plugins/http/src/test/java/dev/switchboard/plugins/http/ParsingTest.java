package dev.switchboard.plugins.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The small parsers and writers, without sockets. */
class ParsingTest {

    @Test
    void parsesByteRangesAgainstTheSize() {
        assertEquals(new ByteRange(0, 9), ByteRange.parse("bytes=0-9", 100).range().orElseThrow());
        assertEquals(new ByteRange(90, 99), ByteRange.parse("bytes=-10", 100).range().orElseThrow());
        assertEquals(new ByteRange(0, 99), ByteRange.parse("bytes=-500", 100).range().orElseThrow());
        assertEquals(new ByteRange(50, 99), ByteRange.parse("bytes=50-", 100).range().orElseThrow());
        assertEquals(new ByteRange(50, 99), ByteRange.parse("Bytes=50-1000", 100).range().orElseThrow());
        assertEquals(ByteRange.Kind.UNSATISFIABLE, ByteRange.parse("bytes=100-", 100).kind());
        assertEquals(ByteRange.Kind.UNSATISFIABLE, ByteRange.parse("bytes=-0", 100).kind());
        assertEquals(ByteRange.Kind.UNSATISFIABLE, ByteRange.parse("bytes=0-0", 0).kind());
        assertEquals(ByteRange.Kind.WHOLE, ByteRange.parse("bytes=0-1,5-6", 100).kind());
        assertEquals(ByteRange.Kind.WHOLE, ByteRange.parse("bytes=9-1", 100).kind());
        assertEquals(ByteRange.Kind.WHOLE, ByteRange.parse("bytes=99999999999999999999-", 100).kind());
    }

    @Test
    void decodesTargetPathOnceIntoSafeSegments() throws HttpError {
        TargetPath path = TargetPath.parse("/a%20b//c%25/?q=1/..");
        assertEquals(List.of("a b", "c%"), path.segments());
        assertEquals(true, path.trailingSlash());
        assertEquals(Optional.of("q=1/.."), path.query());
        assertEquals("/a%20b/c%25/", path.encoded());
        assertEquals(List.of("caf\u00e9"), TargetPath.parse("/caf%C3%A9").segments());
        assertEquals(List.of("x"), TargetPath.parse("HTTP://host:80/x").segments());
        assertEquals(400, assertThrows(HttpError.class, () -> TargetPath.parse("/%c0%ae%c0%ae/")).status());
    }

    @Test
    void writesJsonWithEscapes() {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        List<Object> list = new java.util.ArrayList<>(List.of(1, 2.5, true));
        list.add(null);
        list.add("x\"y\\z\n</script>");
        map.put("a", list);
        map.put("b", Map.of());
        map.put("c", Double.NaN);
        assertEquals("{\"a\":[1,2.5,true,null,\"x\\\"y\\\\z\\n\\u003c/script>\"],\"b\":{},\"c\":null}",
                Json.write(map));
    }

    @Test
    void readsAllThreeHttpDateFormats() {
        Instant expected = Instant.parse("1994-11-06T08:49:37Z");
        assertEquals(expected, HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT").orElseThrow());
        assertEquals(expected, HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT").orElseThrow());
        assertEquals(expected, HttpDates.parse("Sun Nov  6 08:49:37 1994").orElseThrow());
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDates.format(expected));
        assertEquals(Optional.empty(), HttpDates.parse("yesterday"));
    }

    @Test
    void picksContentTypeByExtension() {
        assertEquals("text/html; charset=utf-8", MimeTypes.forName("INDEX.HTML"));
        assertEquals("image/svg+xml", MimeTypes.forName("logo.svg"));
        assertEquals("application/wasm", MimeTypes.forName("a.b.wasm"));
        assertEquals("application/octet-stream", MimeTypes.forName("README"));
        assertEquals("application/octet-stream", MimeTypes.forName("file."));
    }
}
