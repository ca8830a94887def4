package dev.switchboard.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A service's own settings: the keys of its section in {@code switchboard.yml} that the daemon does not
 * use itself ({@code port}, {@code bind}, limits and access rules are the daemon's).
 *
 * <p>Every getter validates the value and, when it is wrong, throws a {@link ConfigException} that the
 * daemon reports as {@code file:line: services.NAME.KEY: what is wrong}. Keys that no getter reads
 * during {@link Protocol#open} are reported as unknown, with a suggestion when one is close.
 *
 * <pre>{@code
 * Settings s = context.settings();
 * Path root = s.path("root", Path.of("www"));
 * Duration headerTimeout = s.duration("header-timeout", Duration.ofSeconds(10));
 * int maxLine = s.integer("max-line", 512, 16, 65536);
 * long cache = s.size("cache-size", 16 * 1024 * 1024);
 * Format format = s.choice("format", Format.class, Format.RFC868);   // accepts "rfc868", "daytime", ...
 * }</pre>
 */
public interface Settings {

    /**
     * @param key a setting's name, e.g. {@code "root"}
     * @return the value as text, or empty when the key is absent
     * @throws ConfigException when the value is a list or a mapping
     */
    Optional<String> string(String key) throws ConfigException;

    /**
     * @param key a setting's name
     * @param fallback the value when the key is absent
     * @return the value as text (may be multi-line)
     * @throws ConfigException when the value is a list or a mapping
     */
    String string(String key, String fallback) throws ConfigException;

    /**
     * @param key a setting's name
     * @param fallback the value when the key is absent
     * @param min the smallest value accepted
     * @param max the largest value accepted
     * @return the value
     * @throws ConfigException when the value is not a whole number within {@code [min, max]}
     */
    int integer(String key, int fallback, int min, int max) throws ConfigException;

    /**
     * @param key a setting's name
     * @param fallback the value when the key is absent
     * @return the value: {@code true/false}, {@code yes/no} or {@code on/off}
     * @throws ConfigException when the value is none of those
     */
    boolean flag(String key, boolean fallback) throws ConfigException;

    /**
     * @param key a setting's name
     * @param fallback the value when the key is absent
     * @return the value, written as a number and a unit: {@code 250ms}, {@code 10s}, {@code 5m},
     *     {@code 2h}, {@code 1d}
     * @throws ConfigException when the value is not such a duration, or is negative
     */
    Duration duration(String key, Duration fallback) throws ConfigException;

    /**
     * @param key a setting's name
     * @param fallback the value in bytes when the key is absent
     * @return the value in bytes, written as a number with an optional unit: {@code 512}, {@code 64KiB},
     *     {@code 16MiB}, {@code 1GiB} ({@code KB}/{@code MB}/{@code GB} are read as powers of 1024 too)
     * @throws ConfigException when the value is not such a size
     */
    long size(String key, long fallback) throws ConfigException;

    /**
     * A duration within bounds: {@code duration("header-timeout", 10s, 1s, 5m)}.
     *
     * @param key a setting's name
     * @param fallback the value when the key is absent (not checked against the bounds)
     * @param min the shortest accepted
     * @param max the longest accepted
     * @return the value, as {@link #duration(String, Duration)} reads it
     * @throws ConfigException when the value is not a duration, or is shorter than {@code min} or longer
     *     than {@code max}: {@code 10m is out of range (1s to 5m)}
     * @since 0.2.0
     */
    default Duration duration(String key, Duration fallback, Duration min, Duration max) throws ConfigException {
        Duration value = duration(key, fallback);
        Optional<String> text = string(key);
        if (text.isPresent() && (value.compareTo(min) < 0 || value.compareTo(max) > 0)) {
            throw invalid(key, outOfRange(text.get(), BoundText.duration(min), BoundText.duration(max)));
        }
        return value;
    }

    /**
     * A size within bounds: {@code size("cache-size", 16MiB, 0, 1GiB)}.
     *
     * @param key a setting's name
     * @param fallback the value in bytes when the key is absent (not checked against the bounds)
     * @param min the smallest accepted, in bytes
     * @param max the largest accepted, in bytes
     * @return the value in bytes, as {@link #size(String, long)} reads it
     * @throws ConfigException when the value is not a size, or is outside the bounds:
     *     {@code 2GiB is out of range (0 to 1GiB)}
     * @since 0.2.0
     */
    default long size(String key, long fallback, long min, long max) throws ConfigException {
        long value = size(key, fallback);
        Optional<String> text = string(key);
        if (text.isPresent() && (value < min || value > max)) {
            throw invalid(key, outOfRange(text.get(), BoundText.size(min), BoundText.size(max)));
        }
        return value;
    }

    /**
     * A key the service cannot do without, as text: a missing or empty one is reported at the service's
     * line with what to add. Read other types with their getter once this has passed, or parse the text.
     *
     * @param key a setting's name
     * @return the value as text, never empty
     * @throws ConfigException when the key is absent or empty, or is a list or a mapping
     * @since 0.2.0
     */
    default String required(String key) throws ConfigException {
        Optional<String> value = string(key);
        if (value.isEmpty() || value.get().isBlank()) {
            throw invalid(key, "is required: add '" + key + ": ...' to this service");
        }
        return value.get();
    }

    /**
     * @param key a setting's name
     * @param fallback the value when the key is absent, resolved like a configured one
     * @return the value as a path; a relative one is resolved against the daemon's home directory
     * @throws ConfigException when the value is not a usable path
     */
    Path path(String key, Path fallback) throws ConfigException;

    /**
     * @param key a setting's name
     * @return the items of a YAML list of scalars ({@code [a, b]} or one item per line), a single
     *     scalar as a list of one, or an empty list when the key is absent
     * @throws ConfigException when the value or an item is a mapping
     */
    List<String> list(String key) throws ConfigException;

    /**
     * Reads one of an enum's constants, written in lower case with {@code -} for {@code _}
     * ({@code ISO_8601} is written {@code iso-8601}).
     *
     * @param key a setting's name
     * @param type the enum
     * @param fallback the value when the key is absent
     * @param <E> the enum type
     * @return the constant named
     * @throws ConfigException when the value names no constant; the message lists the choices
     */
    <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) throws ConfigException;

    /**
     * Makes an error about a key for a check the getters cannot do, such as a time zone name; it is
     * reported with the key's file and line (the section's line when the key is absent).
     *
     * <pre>{@code
     * throw settings.invalid("zone", "Mars/Olympus is not an IANA time zone (e.g. Europe/Berlin)");
     * }</pre>
     *
     * @param key the setting at fault
     * @param problem what is wrong and, ideally, how to fix it
     * @return the exception, for the caller to throw
     */
    ConfigException invalid(String key, String problem);

    /** @return the message of a value outside its bounds, worded as {@link #integer}'s is */
    private static String outOfRange(String value, String min, String max) {
        return value.trim() + " is out of range (" + min + " to " + max + ")";
    }
}
