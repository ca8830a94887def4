package dev.switchboard.daemon.config;

import dev.switchboard.api.ConfigException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code switchboard.yml} and validates everything the daemon itself owns, collecting every
 * problem with its line rather than stopping at the first. Plugin keys are checked later, when the
 * plugin reads them (see {@link YamlSettings#unknownKeys}).
 */
public final class ConfigLoader {

    /** Keys of a service section that the daemon reads; all others belong to the plugin. */
    public static final Set<String> SERVICE_KEYS = Set.copyOf(concat(List.of(
            "enabled", "protocol", "bind", "port",
            "idle-timeout", "max-connections", "max-connections-per-ip", "max-connects-per-second-per-ip",
            "ipv6-prefix", "allow", "deny", "busy-message", "deny-message", "proxy-protocol"), TlsConfig.KEYS, DatagramLimits.KEYS));

    /** Keys that {@code defaults:} may set for every service. */
    private static final Set<String> INHERITED_KEYS = Set.copyOf(concat(TlsConfig.KEYS, DatagramLimits.KEYS));

    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
    private static final Pattern PROTOCOL_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final InetAddress ANY = Cidr.literal("::").orElseThrow();

    private final String fileName;
    private final Path home;
    private final List<Problem> problems = new ArrayList<>();

    private ConfigLoader(String fileName, Path home) {
        this.fileName = fileName;
        this.home = home;
    }

    /**
     * @param file the configuration file
     * @param home what relative paths in it resolve against
     * @return the validated configuration
     * @throws ConfigProblems listing everything wrong with it
     */
    public static Config load(Path file, Path home) throws ConfigProblems {
        return new ConfigLoader(file.toString(), home).load(file);
    }

    private Config load(Path file) throws ConfigProblems {
        YamlValue root = new YamlReader(fileName, problems).read(file);
        if (!problems.isEmpty()) {
            throw new ConfigProblems(problems);
        }
        if (!root.isMap()) {
            problems.add(new Problem(fileName, root.line(), "",
                    "expected a mapping with daemon:, defaults: and services:, found " + root.kind()));
            throw new ConfigProblems(problems);
        }
        YamlSettings top = section(root, "", "");
        DaemonSettings daemon = daemon(top);
        YamlSettings defaultsSection = section(root, "defaults", "defaults");
        AccessPolicy defaults = access(defaultsSection, AccessPolicy.DEFAULT, true);
        Inherited inherited = new Inherited(defaults,
                read(defaultsSection, () -> transport(defaultsSection, Transport.TCP), Transport.TCP),
                read(defaultsSection, () -> TlsConfig.read(defaultsSection, TlsConfig.NONE, ""), TlsConfig.NONE),
                read(defaultsSection, () -> datagrams(defaultsSection, DatagramLimits.DEFAULT), DatagramLimits.DEFAULT));
        List<ServiceConfig> services = services(root.asMap().get("services"), daemon, inherited);
        problems.addAll(top.unknownKeys(Set.of("daemon", "defaults", "services")));
        Config config = new Config(fileName, daemon, services);
        if (!problems.isEmpty()) {
            problems.sort((a, b) -> Integer.compare(a.line(), b.line()));
            throw new ConfigProblems(problems, config);
        }
        return config;
    }

    private YamlSettings section(YamlValue parent, String key, String path) {
        YamlValue value = key.isEmpty() ? parent : parent.asMap().get(key);
        if (value == null || value.isNull()) {
            return new YamlSettings(fileName, path, parent.line(), Map.of(), home);
        }
        if (!value.isMap()) {
            problems.add(new Problem(fileName, value.line(), path, "expected a mapping of keys, found " + value.kind()));
            return new YamlSettings(fileName, path, value.line(), Map.of(), home);
        }
        return new YamlSettings(fileName, path, value.line(), value.asMap(), home);
    }

    private DaemonSettings daemon(YamlSettings top) {
        YamlSettings s = section(new YamlValue(top.values(), 1), "daemon", "daemon");
        InetAddress bind = read(s, () -> address(s, "bind", ANY), ANY);
        List<Path> plugins = read(s, () -> pluginDirs(s), List.of(home.resolve("plugins")));
        ThreadMode threads = read(s, () -> threadMode(s), ThreadMode.AUTO);
        int max = read(s, () -> s.integer("max-connections", 2000, 1, 1_000_000), 2000);
        Duration grace = read(s, () -> s.duration("shutdown-grace", Duration.ofSeconds(5)), Duration.ofSeconds(5));
        Duration pluginTimeout = read(s, () -> positive(s, "plugin-timeout", Duration.ofSeconds(10)), Duration.ofSeconds(10));
        problems.addAll(s.unknownKeys(Set.of()));
        return new DaemonSettings(bind, plugins, threads, max, grace, pluginTimeout);
    }

    private List<Path> pluginDirs(YamlSettings s) throws ConfigException {
        List<String> dirs = s.list("plugins");
        if (dirs.isEmpty()) {
            return List.of(home.resolve("plugins"));
        }
        List<Path> paths = new ArrayList<>();
        for (String dir : dirs) {
            try {
                paths.add(home.resolve(dir).normalize());
            } catch (java.nio.file.InvalidPathException e) {
                throw s.invalid("plugins", "'" + dir + "' is not a usable path");
            }
        }
        return paths;
    }

    private static ThreadMode threadMode(YamlSettings s) throws ConfigException {
        String text = s.string("threads", "auto");
        try {
            ThreadMode mode = ThreadMode.parse(text);
            if (mode.kind() == ThreadMode.Kind.VIRTUAL && Runtime.version().feature() < 21) {
                throw s.invalid("threads", "virtual threads need Java 21 or later, and this is Java "
                        + Runtime.version().feature() + ": use auto or platform:N");
            }
            return mode;
        } catch (IllegalArgumentException e) {
            throw s.invalid("threads", e.getMessage());
        }
    }

    /** @param wholeSection true for {@code defaults:}, whose every key is the daemon's */
    private AccessPolicy access(YamlSettings s, AccessPolicy base, boolean wholeSection) {
        AccessPolicy a = new AccessPolicy(
                read(s, () -> positive(s, "idle-timeout", base.idleTimeout()), base.idleTimeout()),
                read(s, () -> s.integer("max-connections", base.maxConnections(), 1, 1_000_000), base.maxConnections()),
                read(s, () -> s.integer("max-connections-per-ip", base.maxConnectionsPerIp(), 1, 1_000_000),
                        base.maxConnectionsPerIp()),
                read(s, () -> s.integer("max-connects-per-second-per-ip", base.maxConnectsPerSecondPerIp(), 0, 1_000_000),
                        base.maxConnectsPerSecondPerIp()),
                read(s, () -> s.integer("ipv6-prefix", base.ipv6Prefix(), 32, 128), base.ipv6Prefix()),
                read(s, () -> s.has("allow") ? cidrs(s, "allow") : base.allow(), base.allow()),
                read(s, () -> s.has("deny") ? cidrs(s, "deny") : base.deny(), base.deny()),
                read(s, () -> oneLine(s, "busy-message", base.busyMessage()), base.busyMessage()),
                read(s, () -> oneLine(s, "deny-message", base.denyMessage()), base.denyMessage()),
                read(s, () -> s.has("proxy-protocol") ? cidrs(s, "proxy-protocol") : base.proxies(), base.proxies()));
        if (wholeSection) {
            problems.addAll(s.unknownKeys(INHERITED_KEYS));
        }
        return a;
    }

    /** What {@code defaults:} gives every service. */
    private record Inherited(AccessPolicy access, Transport transport, TlsConfig tls, DatagramLimits datagrams) {
    }

    private List<ServiceConfig> services(YamlValue value, DaemonSettings daemon, Inherited defaults) {
        if (value == null || value.isNull()) {
            problems.add(new Problem(fileName, value == null ? 1 : value.line(), "services",
                    "no services are configured: add at least one under services:"));
            return List.of();
        }
        if (!value.isMap()) {
            problems.add(new Problem(fileName, value.line(), "services", "expected a mapping of services, found " + value.kind()));
            return List.of();
        }
        if (value.asMap().isEmpty()) {
            // check and run agree: a daemon with nothing to serve is a mistake, not a quiet success.
            problems.add(new Problem(fileName, value.line(), "services",
                    "no services are configured: add at least one under services:"));
            return List.of();
        }
        List<ServiceConfig> services = new ArrayList<>();
        Map<Integer, ServiceConfig> byPort = new HashMap<>();
        for (Map.Entry<String, YamlValue> entry : value.asMap().entrySet()) {
            String name = entry.getKey();
            String path = "services." + name;
            YamlValue body = entry.getValue();
            if (!SERVICE_NAME.matcher(name).matches()) {
                problems.add(new Problem(fileName, body.line(), path,
                        "a service name is letters, digits, '_' and '-', starting with a letter or digit"));
                continue;
            }
            if (!body.isMap()) {
                problems.add(new Problem(fileName, body.line(), path,
                        "expected the service's settings (at least port:), found " + body.kind()));
                continue;
            }
            YamlSettings s = new YamlSettings(fileName, path, body.line(), body.asMap(), home);
            ServiceConfig service = service(name, body.line(), s, daemon, defaults);
            if (service == null) {
                continue;
            }
            services.add(service);
            if (service.enabled() && service.port() != 0) {
                ServiceConfig clash = byPort.get(service.port());
                if (clash != null && overlaps(clash.bind(), service.bind()) && sameTransport(clash, service)) {
                    problems.add(new Problem(fileName, s.lineOf("port"), path + ".port", "port " + service.port()
                            + " is already used by service '" + clash.name() + "' (line " + clash.line()
                            + "): give each service its own port"));
                } else {
                    byPort.putIfAbsent(service.port(), service);
                }
            }
        }
        return services;
    }

    private ServiceConfig service(String name, int line, YamlSettings s, DaemonSettings daemon, Inherited defaults) {
        int before = problems.size();
        boolean enabled = read(s, () -> s.flag("enabled", true), true);
        String protocol = read(s, () -> protocol(s, name), name);
        InetAddress bind = read(s, () -> address(s, "bind", daemon.bind()), daemon.bind());
        int port = read(s, () -> port(s), 0);
        AccessPolicy access = access(s, defaults.access(), false);
        Transport transport = read(s, () -> transport(s, defaults.transport()), Transport.TCP);
        TlsConfig tls = read(s, () -> TlsConfig.read(s, defaults.tls(), protocol), TlsConfig.NONE);
        DatagramLimits datagrams = read(s, () -> datagrams(s, defaults.datagrams()), DatagramLimits.DEFAULT);
        if (access.behindProxy() && transport.udp()) {
            problems.add(s.problem(s.invalid("proxy-protocol", "the PROXY protocol is for TCP: a service with "
                    + "proxy-protocol uses transport: tcp")));
        }
        if (tls.enabled() && transport.udp()) {
            problems.add(s.problem(s.invalid("transport", "TLS is for TCP: a service with tls-certificate or "
                    + "tls-keystore uses transport: tcp (DTLS is not supported)")));
        }
        if (access.maxConnections() > daemon.maxConnections()) {
            access = new AccessPolicy(access.idleTimeout(), daemon.maxConnections(), access.maxConnectionsPerIp(),
                    access.maxConnectsPerSecondPerIp(), access.ipv6Prefix(), access.allow(), access.deny(), access.busyMessage(),
                    access.denyMessage(), access.proxies());
        }
        return problems.size() > before ? null
                : new ServiceConfig(name, line, enabled, protocol, bind, port, access, s.copy(), transport, tls, datagrams);
    }

    private static Transport transport(YamlSettings s, Transport fallback) throws ConfigException {
        return s.choice("transport", Transport.class, fallback);
    }

    private static DatagramLimits datagrams(YamlSettings s, DatagramLimits base) throws ConfigException {
        return new DatagramLimits(
                s.integer("max-answers-per-second-per-ip", base.perSourcePerSecond(), 1, 1_000_000),
                s.integer("max-answers-per-second", base.perSecond(), 1, 10_000_000));
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) {
            all.addAll(l);
        }
        return all;
    }

    private static String protocol(YamlSettings s, String name) throws ConfigException {
        String protocol = s.string("protocol", name).trim();
        if (!PROTOCOL_NAME.matcher(protocol).matches()) {
            throw s.invalid("protocol", "'" + protocol + "' is not a protocol name (lower-case letters, digits and '-')");
        }
        return protocol;
    }

    private static int port(YamlSettings s) throws ConfigException {
        if (!s.has("port")) {
            throw s.invalid("", "no port: add 'port: N' (1-65535, or 0 for any free port)");
        }
        String text;
        try {
            text = s.string("port").orElseThrow().trim();
        } catch (ConfigException e) {
            throw s.invalid("port", "expected one port number (1-65535, or 0 for any free port): one socket per service");
        }
        long port;
        try {
            port = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw s.invalid("port", "'" + text + "' is not a port (1-65535, or 0 for any free port)");
        }
        if (port < 0 || port > 65535) {
            throw s.invalid("port", text + " is not a port (1-65535, or 0 for any free port)");
        }
        return (int) port;
    }

    private static InetAddress address(YamlSettings s, String key, InetAddress fallback) throws ConfigException {
        String text = s.string(key, "").trim();
        if (text.isEmpty()) {
            return fallback;
        }
        if (text.equals("*")) {
            return ANY;
        }
        if (text.equals("localhost")) {
            return InetAddress.getLoopbackAddress();
        }
        return Cidr.literal(text).orElseThrow(() -> s.invalid(key,
                "'" + text + "' is not an IP address (e.g. \"::\" for every interface, 0.0.0.0, 127.0.0.1, ::1)"));
    }

    private static List<Cidr> cidrs(YamlSettings s, String key) throws ConfigException {
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

    private static Duration positive(YamlSettings s, String key, Duration fallback) throws ConfigException {
        Duration d = s.duration(key, fallback);
        if (d.isZero() || d.isNegative()) {
            throw s.invalid(key, "must be longer than zero");
        }
        return d;
    }

    private static String oneLine(YamlSettings s, String key, String fallback) throws ConfigException {
        String text = s.string(key, fallback);
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || text.length() > 512) {
            throw s.invalid(key, "must be a single line of at most 512 characters");
        }
        return text;
    }

    /** A TCP and a UDP service may share a port number: they are different sockets. */
    private static boolean sameTransport(ServiceConfig a, ServiceConfig b) {
        return a.transport().tcp() && b.transport().tcp() || a.transport().udp() && b.transport().udp();
    }

    private static boolean overlaps(InetAddress a, InetAddress b) {
        return a.equals(b) || a.isAnyLocalAddress() || b.isAnyLocalAddress();
    }

    /** Reads one value, turning a {@link ConfigException} into a recorded problem and a stand-in value. */
    private <T> T read(YamlSettings s, Reading<T> reading, T standIn) {
        try {
            return reading.read();
        } catch (ConfigException e) {
            problems.add(s.problem(e));
            return standIn;
        }
    }

    @FunctionalInterface
    private interface Reading<T> {
        T read() throws ConfigException;
    }
}
