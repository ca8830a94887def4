package dev.switchboard.plugins.time;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** How a time service answers: each constant turns one instant into the bytes a client receives. */
enum TimeFormat {

    /** RFC 868: four bytes, big-endian, seconds since 1900-01-01T00:00Z. */
    RFC868 {
        @Override
        byte[] encode(Instant now, ZoneId zone) {
            long seconds = rfc868Seconds(now);
            return new byte[] {
                (byte) (seconds >>> 24), (byte) (seconds >>> 16), (byte) (seconds >>> 8), (byte) seconds
            };
        }
    },

    /** RFC 867: one human-readable line such as {@code Wednesday, November 25, 2026 12:34:56-UTC}. */
    DAYTIME {
        @Override
        byte[] encode(Instant now, ZoneId zone) {
            return line(DAYTIME_TEXT.format(now.atZone(zone)));
        }
    },

    /** One ISO 8601 line with milliseconds: {@code 2026-11-25T12:34:56.789Z}, or the zone's offset. */
    ISO8601 {
        @Override
        byte[] encode(Instant now, ZoneId zone) {
            return line(ISO_TEXT.format(now.truncatedTo(ChronoUnit.MILLIS).atZone(zone)));
        }
    };

    /** Seconds from 1900-01-01T00:00Z to 1970-01-01T00:00Z (RFC 868's own example: 2,208,988,800). */
    static final long SECONDS_1900_TO_1970 = 2_208_988_800L;

    // RFC 867 suggests "Weekday, Month Day, Year Time-Zone"; English names whatever the host's locale.
    private static final DateTimeFormatter DAYTIME_TEXT =
            DateTimeFormatter.ofPattern("EEEE, MMMM d, uuuu HH:mm:ss-zzz", Locale.US);
    private static final DateTimeFormatter ISO_TEXT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX", Locale.US);

    /**
     * @param now the moment to report
     * @param zone the zone for human-readable formats; RFC 868 ignores it
     * @return the complete answer, ready to send
     */
    abstract byte[] encode(Instant now, ZoneId zone);

    /**
     * The 32-bit RFC 868 value. Past 2036-02-07T06:28:16Z it wraps to 0 and counts on: the era
     * convention that rdate and NTP clients use to read it back.
     */
    static long rfc868Seconds(Instant now) {
        return (now.getEpochSecond() + SECONDS_1900_TO_1970) & 0xFFFF_FFFFL;
    }

    private static byte[] line(String text) {
        return (text + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
