package dev.switchboard.plugins.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
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
        assertEquals(ByteRange.Kind.UNSATISFIABLE, ByteRange.parse("bytes=99999999999999999999-", 100).kind());
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
    void readsAllThreeHttpDateFormats() {
        Instant expected = Instant.parse("1994-11-06T08:49:37Z");
        assertEquals(expected, HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT").orElseThrow());
        assertEquals(expected, HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT").orElseThrow());
        assertEquals(expected, HttpDates.parse("Sun Nov  6 08:49:37 1994").orElseThrow());
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDates.format(expected));
        assertEquals(Optional.empty(), HttpDates.parse("yesterday"));
    }

    @Test
    void writesHttpDatesAsTheImfFixdateFormatterDoes() {
        DateTimeFormatter reference =
                DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2000-02-29T23:59:59Z"),
                Instant.parse("1000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999Z"),
                Instant.parse("0999-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.5Z"), Instant.parse("2026-11-25T16:05:09Z")));
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong() % 100_000_000_000L));
        }
        for (Instant instant : instants) {
            assertEquals(reference.format(instant), HttpDates.format(instant), instant.toString());
        }
    }

    @Test
    void acceptsHostFieldsExactlyAsTheRfcGrammarDoes() {
        Pattern grammar = Pattern.compile("([A-Za-z0-9._~!$&'()*+,;=%-]*|\\[[0-9A-Za-z:.]+\\])(:[0-9]*)?");
        List<String> samples = List.of("", "example.com", "example.com:80", "example.com:", ":8080", "127.0.0.1:18080",
                "[::1]", "[::1]:443", "[]", "[::1", "::1", "[::1]x", "a b", "a:b", "a:80:80", "[v1.fe]:1", "x_y~!$&'()*+,;=%-",
                "exämple", "[::1]]", "a[b]", "[a]:", "a/b", "a@b", "a\tb", "host:12a");
        for (String host : samples) {
            assertEquals(grammar.matcher(host).matches(), HostField.isValid(host), host);
        }
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
