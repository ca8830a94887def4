package dev.switchboard.plugins.time;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TimeFormatTest {

    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void rfc868CountsSecondsSince1900BigEndian() {
        // 1970-01-01T00:00Z is 2,208,988,800 seconds after 1900: RFC 868's own example, 0x83AA7E80.
        assertArrayEquals(bytes(0x83, 0xAA, 0x7E, 0x80), TimeFormat.RFC868.encode(Instant.EPOCH, UTC));
        // 2026-11-25T12:34:56Z = 1795610096 unix seconds -> 4004598896 = 0xEEB15470.
        Instant then = Instant.parse("2026-11-25T12:34:56Z");
        assertEquals(1_795_610_096L, then.getEpochSecond());
        assertArrayEquals(bytes(0xEE, 0xB1, 0x54, 0x70), TimeFormat.RFC868.encode(then, UTC));
    }

    @Test
    void rfc868WrapsToZeroAt2036Era1() {
        Instant lastOfEra0 = Instant.parse("2036-02-07T06:28:15Z");
        assertArrayEquals(bytes(0xFF, 0xFF, 0xFF, 0xFF), TimeFormat.RFC868.encode(lastOfEra0, UTC));
        assertArrayEquals(bytes(0, 0, 0, 0), TimeFormat.RFC868.encode(lastOfEra0.plusSeconds(1), UTC));
        assertArrayEquals(bytes(0, 0, 0, 1), TimeFormat.RFC868.encode(lastOfEra0.plusSeconds(2), UTC));
        // A day into era 1: 86,401 seconds past the wrap.
        assertArrayEquals(bytes(0, 1, 0x51, 0x81),
                TimeFormat.RFC868.encode(lastOfEra0.plusSeconds(1 + 86_401), UTC));
    }

    @Test
    void rfc868IgnoresFractionsOfASecond() {
        Instant almostNext = Instant.parse("2026-11-25T12:34:56.999Z");
        assertArrayEquals(bytes(0xEE, 0xB1, 0x54, 0x70), TimeFormat.RFC868.encode(almostNext, UTC));
    }

    @Test
    void daytimeIsOneEnglishLineWithZoneAbbreviation() {
        Instant then = Instant.parse("2026-11-25T12:34:56.789Z");
        assertEquals("Wednesday, November 25, 2026 12:34:56-UTC\r\n", text(TimeFormat.DAYTIME, then, UTC));
        assertEquals("Wednesday, November 25, 2026 13:34:56-CET\r\n",
                text(TimeFormat.DAYTIME, then, ZoneId.of("Europe/Berlin")));
        assertEquals("Thursday, July 2, 2026 05:06:07-PDT\r\n",
                text(TimeFormat.DAYTIME, Instant.parse("2026-07-02T12:06:07Z"), ZoneId.of("America/Los_Angeles")));
    }

    @Test
    void daytimeParsesBackToTheSameSecond() {
        Instant then = Instant.parse("2031-03-09T23:59:59.500Z");
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        String line = text(TimeFormat.DAYTIME, then, tokyo);
        String withoutCrlf = line.substring(0, line.length() - 2);
        ZonedDateTime parsed = ZonedDateTime.parse(withoutCrlf.replace("-JST", " Asia/Tokyo"),
                DateTimeFormatter.ofPattern("EEEE, MMMM d, uuuu HH:mm:ss VV", Locale.US));
        assertEquals(then.getEpochSecond(), parsed.toEpochSecond());
    }

    @Test
    void iso8601HasMillisecondsAndZOrTheZonesOffset() {
        Instant then = Instant.parse("2026-11-25T12:34:56.789123Z");
        assertEquals("2026-11-25T12:34:56.789Z\r\n", text(TimeFormat.ISO8601, then, UTC));
        String berlin = text(TimeFormat.ISO8601, then, ZoneId.of("Europe/Berlin"));
        assertEquals("2026-11-25T13:34:56.789+01:00\r\n", berlin);
        assertEquals(Instant.parse("2026-11-25T12:34:56.789Z"),
                OffsetDateTime.parse(berlin.strip()).toInstant());
    }

    private static String text(TimeFormat format, Instant now, ZoneId zone) {
        return new String(format.encode(now, zone), StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }
}
