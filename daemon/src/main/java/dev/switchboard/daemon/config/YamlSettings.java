package dev.switchboard.daemon.config;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Settings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One mapping of the configuration ({@code daemon:}, {@code defaults:} or a service's section) read
 * through the {@link Settings} getters, remembering which keys were read so the rest can be reported
 * as unknown.
 */
public final class YamlSettings implements Settings {

    /** A key with an item index, {@code deny[1]}: see {@link #item}. */
    private static final Pattern ITEM = Pattern.compile("(.+)\\[(\\d{1,9})]");

    private final String file;
    private final String path;
    private final int line;
    private final Map<String, YamlValue> values;
    private final Path home;
    private final Set<String> read = ConcurrentHashMap.newKeySet();
    private final Set<Path> inputs = Collections.synchronizedSet(new java.util.LinkedHashSet<>());
    /** What each getter call said about its key: the schema {@code switchboard schema} prints for it. */
    private final Map<String, Map<String, Object>> schemas = Collections.synchronizedMap(new LinkedHashMap<>());

    /**
     * @param file the configuration file's name as the user gave it
     * @param path the section's dotted key path, e.g. {@code services.echo}
     * @param line the section's line
     * @param values the section's entries
     * @param home what relative paths resolve against
     */
    public YamlSettings(String file, String path, int line, Map<String, YamlValue> values, Path home) {
        this.file = file;
        this.path = path;
        this.line = line;
        this.values = values;
        this.home = home;
    }

    /** @return a fresh reader of the same section, with no keys read yet */
    public YamlSettings copy() {
        return new YamlSettings(file, path, line, values, home);
    }

    /** @return the section's key path, e.g. {@code services.echo} */
    public String path() {
        return path;
    }

    /** @return what relative paths resolve against */
    Path home() {
        return home;
    }

    /** @return the section's entries, as configured */
    public Map<String, YamlValue> values() {
        return values;
    }

    /** @return whether the section sets the key */
    public boolean has(String key) {
        return values.containsKey(key) && !values.get(key).isNull();
    }

    /** @return the problem a {@link ConfigException} from this section stands for */
    public Problem problem(ConfigException e) {
        return new Problem(file, lineOf(e.key()), e.key().isEmpty() ? path : path + "." + e.key(), e.getMessage());
    }

    /**
     * @param ignored keys that someone else (the daemon) reads
     * @return a problem for every key neither read through this object nor in {@code ignored}
     */
    public List<Problem> unknownKeys(Set<String> ignored) {
        Set<String> known = new java.util.TreeSet<>(read);
        known.addAll(ignored);
        List<Problem> problems = new ArrayList<>();
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                problems.add(new Problem(file, lineOf(key), path.isEmpty() ? key : path + "." + key,
                        Suggestions.unknownKey(key, known)));
            }
        }
        return problems;
    }

    /** Declares a file the protocol read while opening, as {@code ServiceContext.input} does. */
    public void input(Path file) {
        inputs.add(home.resolve(file).normalize());
    }

    /** @return the paths read through {@link #path} and declared with {@link #input}, in order */
    public List<Path> inputs() {
        synchronized (inputs) {
            return List.copyOf(inputs);
        }
    }

    /**
     * After a protocol's {@code open} failed: the keys it did not read that look like a misspelling of
     * one it did, so that the hint is not lost with the failure. Keys it may simply not have reached
     * before failing are not called unknown.
     *
     * @param ignored keys that someone else (the daemon) reads
     * @return a problem with a "did you mean" for each such key
     */
    public List<Problem> misspeltKeys(Set<String> ignored) {
        Set<String> readKeys = new java.util.TreeSet<>(read);
        List<Problem> problems = new ArrayList<>();
        for (String key : values.keySet()) {
            if (!readKeys.contains(key) && !ignored.contains(key)) {
                Suggestions.closest(key, readKeys).ifPresent(near -> problems.add(new Problem(file, lineOf(key),
                        path.isEmpty() ? key : path + "." + key, Suggestions.unknownKey(key, List.of(near)))));
            }
        }
        return problems;
    }

    /**
     * @return each key read so far with its JSON Schema, as the getter that read it declared it: type,
     *     bounds and default (a plugin's keys are described by reading them, so a plugin declares nothing twice)
     */
    public Map<String, Map<String, Object>> keySchemas() {
        synchronized (schemas) {
            return new LinkedHashMap<>(schemas);
        }
    }

    private void describe(String key, Map<String, Object> schema, Object fallback) {
        Map<String, Object> described = new LinkedHashMap<>(schema);
        if (fallback != null) {
            described.put("default", fallback);
        }
        schemas.put(key, described);
    }

    /** @return the key naming item {@code index} of a list: a problem with it is reported at the item's line */
    public static String item(String key, int index) {
        return key + "[" + index + "]";
    }

    int lineOf(String key) {
        Matcher item = ITEM.matcher(key);
        YamlValue list = item.matches() ? values.get(item.group(1)) : null;
        if (list != null && list.isList()) {
            int index = Integer.parseInt(item.group(2));
            return index < list.asList().size() ? list.asList().get(index).line() : list.line();
        }
        YamlValue value = values.get(key);
        return value == null ? line : value.line();
    }

    private Optional<YamlValue> value(String key) {
        read.add(key);
        YamlValue value = values.get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    private Optional<String> scalar(String key, String expected) throws ConfigException {
        Optional<YamlValue> value = value(key);
        if (value.isPresent() && !value.get().isScalar()) {
            throw invalid(key, "expected " + expected + ", found " + value.get().kind());
        }
        return value.map(v -> (String) v.value());
    }

    @Override
    public Optional<String> string(String key) throws ConfigException {
        describe(key, SchemaTypes.text(), null);
        return scalar(key, "text");
    }

    @Override
    public String string(String key, String fallback) throws ConfigException {
        describe(key, SchemaTypes.text(), fallback);
        return scalar(key, "text").orElse(fallback);
    }

    @Override
    public int integer(String key, int fallback, int min, int max) throws ConfigException {
        describe(key, SchemaTypes.integer(min, max), fallback);
        return parsed(key, "a whole number", text -> Values.integer(text, min, max), fallback);
    }

    @Override
    public boolean flag(String key, boolean fallback) throws ConfigException {
        describe(key, SchemaTypes.flag(), fallback);
        return parsed(key, "true or false", Values::flag, fallback);
    }

    @Override
    public Duration duration(String key, Duration fallback) throws ConfigException {
        describe(key, SchemaTypes.duration(), fallback == null ? null : ValueType.durationText(fallback));
        return parsed(key, "a duration such as 10s", Values::duration, fallback);
    }

    @Override
    public long size(String key, long fallback) throws ConfigException {
        describe(key, SchemaTypes.size(), fallback);
        return parsed(key, "a size such as 64KiB", Values::size, fallback);
    }

    /** The API's check, with the key described as a duration (the check reads it as text too). */
    @Override
    public Duration duration(String key, Duration fallback, Duration min, Duration max) throws ConfigException {
        try {
            return Settings.super.duration(key, fallback, min, max);
        } finally {
            describe(key, SchemaTypes.duration(), fallback == null ? null : ValueType.durationText(fallback));
        }
    }

    /** The API's check, with the key described as a size whose plain byte count the schema bounds. */
    @Override
    public long size(String key, long fallback, long min, long max) throws ConfigException {
        try {
            return Settings.super.size(key, fallback, min, max);
        } finally {
            describe(key, SchemaTypes.size(min, max), fallback);
        }
    }

    /** Reads a scalar through a {@link Values} parser, whose IllegalArgumentException message is the user's. */
    private <T> T parsed(String key, String expected, Function<String, T> parser, T fallback) throws ConfigException {
        Optional<String> text = scalar(key, expected);
        try {
            return text.isEmpty() ? fallback : parser.apply(text.get());
        } catch (IllegalArgumentException e) {
            throw invalid(key, e.getMessage());
        }
    }

    @Override
    public Path path(String key, Path fallback) throws ConfigException {
        describe(key, SchemaTypes.object("type", "string"), fallback == null ? null : fallback.toString());
        Optional<String> text = scalar(key, "a path");
        try {
            Path p = text.isEmpty() ? fallback : Path.of(text.get());
            Path resolved = home.resolve(p).normalize();
            inputs.add(resolved);
            return resolved;
        } catch (InvalidPathException e) {
            throw invalid(key, "'" + text.orElse("") + "' is not a usable path: " + e.getReason());
        }
    }

    @Override
    public List<String> list(String key) throws ConfigException {
        describe(key, SchemaTypes.list(), null);
        Optional<YamlValue> value = value(key);
        if (value.isEmpty()) {
            return List.of();
        }
        if (value.get().isScalar()) {
            return List.of((String) value.get().value());
        }
        if (value.get().isMap()) {
            throw invalid(key, "expected a list, found a mapping");
        }
        List<String> items = new ArrayList<>();
        for (YamlValue item : value.get().asList()) {
            if (!item.isScalar()) {
                throw invalid(item(key, items.size()), "list items must be plain values, found " + item.kind());
            }
            items.add((String) item.value());
        }
        return List.copyOf(items);
    }

    @Override
    public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) throws ConfigException {
        describe(key, SchemaTypes.choice(Arrays.stream(type.getEnumConstants()).map(YamlSettings::spelling).toList()),
                fallback == null ? null : spelling(fallback));
        Optional<String> text = scalar(key, "one of " + choices(type));
        if (text.isEmpty()) {
            return fallback;
        }
        String wanted = text.get().trim().toLowerCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (spelling(constant).equals(wanted)) {
                return constant;
            }
        }
        throw invalid(key, "'" + text.get() + "' is not one of " + choices(type));
    }

    @Override
    public ConfigException invalid(String key, String problem) {
        return new ConfigException(key, problem);
    }

    private static String spelling(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static <E extends Enum<E>> String choices(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(YamlSettings::spelling).collect(Collectors.joining(", "));
    }
}
