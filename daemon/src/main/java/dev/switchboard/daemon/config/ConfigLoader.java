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
    public static final Set<String> SERVICE_KEYS = DaemonKeys.names(DaemonKeys.ofService());

    /** Keys that {@code defaults:} may set for every service. */
    private static final Set<String> INHERITED_KEYS = DaemonKeys.names(DaemonKeys.in(Key.Section.INHERITED));

    /** What a service's name may be. */
    public static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");

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
                read(defaultsSection, DaemonKeys.TRANSPORT),
                read(defaultsSection, () -> TlsConfig.read(defaultsSection, TlsConfig.NONE, ""), TlsConfig.NONE),
                datagrams(defaultsSection, DatagramLimits.DEFAULT));
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
        DaemonSettings daemon = new DaemonSettings(read(s, DaemonKeys.BIND), read(s, DaemonKeys.PLUGINS),
                read(s, DaemonKeys.THREADS), read(s, DaemonKeys.TOTAL_CONNECTIONS), read(s, DaemonKeys.SHUTDOWN_GRACE),
                read(s, DaemonKeys.PLUGIN_TIMEOUT));
        problems.addAll(s.unknownKeys(Set.of()));
        return daemon;
    }

    /** @param wholeSection true for {@code defaults:}, whose every key is the daemon's */
    private AccessPolicy access(YamlSettings s, AccessPolicy base, boolean wholeSection) {
        AccessPolicy a = new AccessPolicy(
                read(s, DaemonKeys.IDLE_TIMEOUT, base.idleTimeout()),
                read(s, DaemonKeys.MAX_CONNECTIONS, base.maxConnections()),
                read(s, DaemonKeys.MAX_CONNECTIONS_PER_IP, base.maxConnectionsPerIp()),
                read(s, DaemonKeys.MAX_CONNECTS_PER_SECOND_PER_IP, base.maxConnectsPerSecondPerIp()),
                read(s, DaemonKeys.IPV6_PREFIX, base.ipv6Prefix()),
                read(s, DaemonKeys.ALLOW, base.allow()),
                read(s, DaemonKeys.DENY, base.deny()),
                read(s, DaemonKeys.BUSY_MESSAGE, base.busyMessage()),
                read(s, DaemonKeys.DENY_MESSAGE, base.denyMessage()),
                read(s, DaemonKeys.PROXY_PROTOCOL, base.proxies()));
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
        boolean enabled = read(s, DaemonKeys.ENABLED);
        String protocol = read(s, DaemonKeys.PROTOCOL, name);
        InetAddress bind = read(s, DaemonKeys.SERVICE_BIND, daemon.bind());
        int port = read(s, DaemonKeys.PORT, 0);
        AccessPolicy access = access(s, defaults.access(), false);
        Transport transport = read(s, DaemonKeys.TRANSPORT, defaults.transport());
        TlsConfig tls = read(s, () -> TlsConfig.read(s, defaults.tls(), protocol), TlsConfig.NONE);
        DatagramLimits datagrams = datagrams(s, defaults.datagrams());
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

    private DatagramLimits datagrams(YamlSettings s, DatagramLimits base) {
        return new DatagramLimits(read(s, DaemonKeys.MAX_ANSWERS_PER_SECOND_PER_IP, base.perSourcePerSecond()),
                read(s, DaemonKeys.MAX_ANSWERS_PER_SECOND, base.perSecond()));
    }

    /** A TCP and a UDP service may share a port number: they are different sockets. */
    private static boolean sameTransport(ServiceConfig a, ServiceConfig b) {
        return a.transport().tcp() && b.transport().tcp() || a.transport().udp() && b.transport().udp();
    }

    private static boolean overlaps(InetAddress a, InetAddress b) {
        return a.equals(b) || a.isAnyLocalAddress() || b.isAnyLocalAddress();
    }

    /** Reads one key, turning a {@link ConfigException} into a recorded problem and the inherited value. */
    private <T> T read(YamlSettings s, Key<T> key, T inherited) {
        return read(s, () -> key.read(s, inherited), inherited);
    }

    private <T> T read(YamlSettings s, Key<T> key) {
        return read(s, key, key.fallback());
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
