package dev.switchboard.daemon.config;

import dev.switchboard.api.ConfigException;
import java.net.InetAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How one kind of value of the daemon's keys is written: its name in docs/configuration.md, how it is
 * read and checked against a {@link Key}'s bounds, how a value is written back (reload messages and the
 * docs' default column), and its JSON Schema.
 *
 * @param <T> the value's Java type
 */
public final class ValueType<T> {

    /** Reads a key's value from a section, or gives the fallback when the key is not set. */
    @FunctionalInterface
    interface Reader<T> {
        T read(YamlSettings section, Key<T> key, T fallback) throws ConfigException;
    }

    private static final Pattern PROTOCOL_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final InetAddress ANY = Cidr.literal("::").orElseThrow();

    /** A whole number within the key's bounds. */
    public static final ValueType<Integer> INTEGER = new ValueType<>("integer",
            (s, k, f) -> s.integer(k.name(), f, (int) k.min(), (int) k.max()), String::valueOf,
            k -> SchemaTypes.integer(k.min(), k.max()));

    /** A duration within the key's bounds (milliseconds). */
    public static final ValueType<Duration> DURATION = new ValueType<>("duration", ValueType::duration,
            ValueType::durationText, k -> SchemaTypes.duration());

    /** true or false. */
    public static final ValueType<Boolean> BOOLEAN = new ValueType<>("boolean",
            (s, k, f) -> s.flag(k.name(), f), String::valueOf, k -> SchemaTypes.flag());

    /** One line of at most 512 characters: what is sent to a refused client. */
    public static final ValueType<String> LINE = new ValueType<>("text", ValueType::oneLine,
            t -> "\"" + t + "\"", k -> {
                Map<String, Object> line = new java.util.LinkedHashMap<>(SchemaTypes.text());
                line.put("maxLength", 512);
                line.put("pattern", "^[^\\r\\n]*$");
                return line;
            });

    /** An IP literal, {@code *} or {@code localhost}. */
    public static final ValueType<InetAddress> ADDRESS = new ValueType<>("address", ValueType::address,
            a -> a.getAddress().length == 16 ? "\"" + AddressText.of(a) + "\"" : AddressText.of(a),
            k -> SchemaTypes.object("type", "string"));

    /** A list of networks; a single one is a list of one. */
    public static final ValueType<List<Cidr>> NETWORKS = new ValueType<>("network list",
            (s, k, f) -> s.has(k.name()) ? networks(s, k.name()) : f, ValueType::listText, k -> SchemaTypes.list());

    /** A file, or none. */
    public static final ValueType<Optional<Path>> FILE = new ValueType<>("path", ValueType::file,
            p -> p.map(Path::toString).orElse("none"), k -> SchemaTypes.object("type", "string"));

    /** A list of plain values. */
    public static final ValueType<List<String>> TEXTS = new ValueType<>("list of text",
            (s, k, f) -> s.has(k.name()) ? s.list(k.name()) : f, ValueType::listText, k -> SchemaTypes.list());

    /** tcp, udp or both. */
    public static final ValueType<Transport> TRANSPORT = new ValueType<>("text",
            (s, k, f) -> s.choice(k.name(), Transport.class, f), t -> t.name().toLowerCase(Locale.ROOT),
            k -> SchemaTypes.choice(List.of("tcp", "udp", "both")));

    /** auto, virtual or platform:N. */
    public static final ValueType<ThreadMode> THREADS = new ValueType<>("text", ValueType::threads,
            ThreadMode::toString, k -> SchemaTypes.pattern("^\\s*([aA][uU][tT][oO]|[vV][iI][rR][tT][uU][aA][lL]"
                    + "|[pP][lL][aA][tT][fF][oO][rR][mM]:[0-9]{1,6})\\s*$"));

    /** Directories, resolved against the install directory. */
    public static final ValueType<List<Path>> DIRECTORIES = new ValueType<>("path, or list of paths",
            ValueType::directories, ValueType::listText, k -> SchemaTypes.list());

    /** A port number, required. */
    public static final ValueType<Integer> PORT = new ValueType<>("integer", ValueType::port, String::valueOf,
            k -> SchemaTypes.anyOf(SchemaTypes.integer(k.min(), k.max()), SchemaTypes.pattern("^\\s*[0-9]{1,5}\\s*$")));

    /** A protocol name; the fallback is the service's name. */
    public static final ValueType<String> PROTOCOL = new ValueType<>("text", ValueType::protocol, t -> t,
            k -> SchemaTypes.pattern("^\\s*" + PROTOCOL_NAME.pattern() + "\\s*$"));

    private final String name;
    private final Reader<T> reader;
    private final Function<T, String> text;
    private final Function<Key<T>, Map<String, Object>> schema;

    private ValueType(String name, Reader<T> reader, Function<T, String> text,
                      Function<Key<T>, Map<String, Object>> schema) {
        this.name = name;
        this.reader = reader;
        this.text = text;
        this.schema = schema;
    }

    /** @return the type's name in docs/configuration.md */
    public String name() {
        return name;
    }

    T read(YamlSettings section, Key<T> key, T fallback) throws ConfigException {
        return reader.read(section, key, fallback);
    }

    /** @return the value as a reload message or the documentation writes it */
    public String text(T value) {
        return value == null ? "none" : text.apply(value);
    }

    /** @return the JSON Schema of the key's value */
    public Map<String, Object> schema(Key<T> key) {
        return schema.apply(key);
    }

    private static Duration duration(YamlSettings s, Key<Duration> key, Duration fallback) throws ConfigException {
        Duration d = s.duration(key.name(), fallback);
        long ms = d.toMillis();
        if (ms < key.min() || ms > key.max()) {
            List<String> bounds = new ArrayList<>();
            if (key.min() > 0) {
                bounds.add(key.min() == 1 ? "longer than zero" : "at least " + durationText(Duration.ofMillis(key.min())));
            }
            if (key.max() != Long.MAX_VALUE) {
                bounds.add("at most " + durationText(Duration.ofMillis(key.max())));
            }
            throw s.invalid(key.name(), "must be " + String.join(" and ", bounds));
        }
        return d;
    }

    /** @return the duration in its largest whole unit, as a user writes it: 5m, 10s, 500ms */
    static String durationText(Duration d) {
        long ms = d.toMillis();
        long[] sizes = {86_400_000, 3_600_000, 60_000, 1000};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms != 0 && ms % sizes[i] == 0) {
                return ms / sizes[i] + units[i];
            }
        }
        return ms == 0 ? "0s" : ms + "ms";
    }

    private static String oneLine(YamlSettings s, Key<String> key, String fallback) throws ConfigException {
        String text = s.string(key.name(), fallback);
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || text.length() > 512) {
            throw s.invalid(key.name(), "must be a single line of at most 512 characters");
        }
        return text;
    }

    private static InetAddress address(YamlSettings s, Key<InetAddress> key, InetAddress fallback) throws ConfigException {
        String text = s.string(key.name(), "").trim();
        if (text.isEmpty()) {
            return fallback;
        }
        if (text.equals("*")) {
            return ANY;
        }
        if (text.equals("localhost")) {
            return InetAddress.getLoopbackAddress();
        }
        return Cidr.literal(text).orElseThrow(() -> s.invalid(key.name(),
                "'" + text + "' is not an IP address (e.g. \"::\" for every interface, 0.0.0.0, 127.0.0.1, ::1)"));
    }

    private static List<Cidr> networks(YamlSettings s, String key) throws ConfigException {
        Set<Cidr> cidrs = new LinkedHashSet<>();
        List<String> items = s.list(key);
        for (int i = 0; i < items.size(); i++) {
            try {
                cidrs.add(Cidr.parse(items.get(i)));
            } catch (IllegalArgumentException e) {
                throw s.invalid(YamlSettings.item(key, i), e.getMessage());
            }
        }
        return List.copyOf(cidrs);
    }

    private static Optional<Path> file(YamlSettings s, Key<Optional<Path>> key, Optional<Path> fallback)
            throws ConfigException {
        if (!s.has(key.name())) {
            return fallback;
        }
        String text = s.string(key.name(), "").trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(s.path(key.name(), Path.of("")));
    }

    private static ThreadMode threads(YamlSettings s, Key<ThreadMode> key, ThreadMode fallback) throws ConfigException {
        String text = s.string(key.name(), fallback.toString());
        try {
            ThreadMode mode = ThreadMode.parse(text);
            if (mode.kind() == ThreadMode.Kind.VIRTUAL && Runtime.version().feature() < 21) {
                throw s.invalid(key.name(), "virtual threads need Java 21 or later, and this is Java "
                        + Runtime.version().feature() + ": use auto or platform:N");
            }
            return mode;
        } catch (IllegalArgumentException e) {
            throw s.invalid(key.name(), e.getMessage());
        }
    }

    private static List<Path> directories(YamlSettings s, Key<List<Path>> key, List<Path> fallback)
            throws ConfigException {
        List<String> dirs = s.list(key.name());
        List<Path> paths = new ArrayList<>();
        try {
            for (String dir : dirs) {
                paths.add(s.home().resolve(dir).normalize());
            }
        } catch (InvalidPathException e) {
            throw s.invalid(key.name(), "'" + e.getInput() + "' is not a usable path");
        }
        if (paths.isEmpty()) {
            fallback.forEach(dir -> paths.add(s.home().resolve(dir).normalize()));
        }
        return List.copyOf(paths);
    }

    private static int port(YamlSettings s, Key<Integer> key, Integer fallback) throws ConfigException {
        if (!s.has(key.name())) {
            throw s.invalid("", "no port: add 'port: N' (1-65535, or 0 for any free port)");
        }
        String text;
        try {
            text = s.string(key.name()).orElseThrow().trim();
        } catch (ConfigException e) {
            throw s.invalid(key.name(), "expected one port number (1-65535, or 0 for any free port): one socket per service");
        }
        long port;
        try {
            port = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw s.invalid(key.name(), "'" + text + "' is not a port (1-65535, or 0 for any free port)");
        }
        if (port < key.min() || port > key.max()) {
            throw s.invalid(key.name(), text + " is not a port (1-65535, or 0 for any free port)");
        }
        return (int) port;
    }

    private static String protocol(YamlSettings s, Key<String> key, String serviceName) throws ConfigException {
        String protocol = s.string(key.name(), serviceName).trim();
        if (!PROTOCOL_NAME.matcher(protocol).matches()) {
            throw s.invalid(key.name(), "'" + protocol + "' is not a protocol name (lower-case letters, digits and '-')");
        }
        return protocol;
    }

    private static String listText(List<?> items) {
        return "[" + String.join(", ", items.stream().map(Object::toString).toList()) + "]";
    }
}
