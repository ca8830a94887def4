package dev.switchboard.plugins.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;

/** HTTP dates (RFC 9110 §5.6.7): IMF-fixdate out; IMF-fixdate, RFC 850 and asctime in. */
final class HttpDates {

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    /** RFC 9110 §5.6.7: a two-digit year is the most recent one that is not more than 50 years ahead. */
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
            .appendPattern("EEEE, dd-MMM-")
            .appendValueReduced(ChronoField.YEAR, 2, 2, Year.now(ZoneOffset.UTC).getValue() - 49)
            .appendPattern(" HH:mm:ss 'GMT'")
            .toFormatter(Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC);

    /** The years {@link #format} writes itself; outside them (never, for real files) the formatter does. */
    private static final long FAST_FROM = LocalDate.of(1000, 1, 1).toEpochDay() * 86_400;
    private static final long FAST_UNTIL = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400;
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS =
            {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private HttpDates() {
    }

    /**
     * Every response has a Date and every file a Last-Modified, so this is written out by hand:
     * {@link DateTimeFormatter} costs several microseconds a call without the C2 compiler.
     */
    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FAST_FROM || seconds >= FAST_UNTIL) {
            return IMF_FIXDATE.format(instant);
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int second = (int) Math.floorMod(seconds, 86_400);
        StringBuilder out = new StringBuilder(29)
                .append(DAYS[date.getDayOfWeek().ordinal()]).append(", ");
        twoDigits(out, date.getDayOfMonth()).append(' ').append(MONTHS[date.getMonthValue() - 1]).append(' ')
                .append(date.getYear()).append(' ');
        twoDigits(out, second / 3600).append(':');
        twoDigits(out, second / 60 % 60).append(':');
        return twoDigits(out, second % 60).append(" GMT").toString();
    }

    private static StringBuilder twoDigits(StringBuilder out, int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** @return the instant, or empty when the text is no HTTP date (the header is then ignored) */
    static Optional<Instant> parse(String text) {
        for (DateTimeFormatter format : new DateTimeFormatter[] {IMF_FIXDATE, RFC_850, ASCTIME}) {
            try {
                return Optional.of(ZonedDateTime.parse(text, format).toInstant());
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return Optional.empty();
    }
}
