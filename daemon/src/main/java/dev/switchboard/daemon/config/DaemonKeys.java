package dev.switchboard.daemon.config;

import static dev.switchboard.daemon.config.Key.Reload.APPLIED;
import static dev.switchboard.daemon.config.Key.Reload.REPLACES_SERVICE;
import static dev.switchboard.daemon.config.Key.Reload.RESTART;
import static dev.switchboard.daemon.config.Key.Section.DAEMON;
import static dev.switchboard.daemon.config.Key.Section.INHERITED;
import static dev.switchboard.daemon.config.Key.Section.SERVICE;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The daemon's own keys, each declared once with its type, default, bounds, what a reload does with a
 * change, and a line of doc. {@link ConfigLoader} reads through these, the reload diff compares by
 * them, docs/configuration.md is checked against them, and {@code switchboard schema} prints them.
 * Every other key of a service section belongs to its protocol's plugin.
 */
public final class DaemonKeys {

    private static final long NONE = Long.MAX_VALUE;
    private static final long MILLION = 1_000_000;

    /** {@code daemon.bind}. */
    public static final Key<InetAddress> BIND = daemon("bind", ValueType.ADDRESS, Cidr.literal("::").orElseThrow(),
            null, 0, NONE, REPLACES_SERVICE, "Where every service listens unless it sets its own bind",
            DaemonSettings::bind);
    /** {@code daemon.plugins}. */
    public static final Key<List<Path>> PLUGINS = daemon("plugins", ValueType.DIRECTORIES, List.of(Path.of("plugins")),
            "`plugins`", 0, NONE, APPLIED, "Where plugin JARs and PF4J zips are loaded from, in order",
            DaemonSettings::pluginDirs);
    /** {@code daemon.threads}. */
    public static final Key<ThreadMode> THREADS = daemon("threads", ValueType.THREADS, ThreadMode.AUTO, null, 0, NONE,
            RESTART, "How clients run: auto, virtual or platform:N", DaemonSettings::threads);
    /** {@code daemon.max-connections}. */
    public static final Key<Integer> TOTAL_CONNECTIONS = daemon("max-connections", ValueType.INTEGER, 2000, null,
            1, MILLION, RESTART, "Connections all services together may hold at once", DaemonSettings::maxConnections);
    /** {@code daemon.shutdown-grace}. */
    public static final Key<Duration> SHUTDOWN_GRACE = daemon("shutdown-grace", ValueType.DURATION,
            Duration.ofSeconds(5), null, 0, NONE, APPLIED,
            "How long clients get to finish on stop, and when a reload removes or replaces their service",
            DaemonSettings::shutdownGrace);
    /** {@code daemon.plugin-timeout}. */
    public static final Key<Duration> PLUGIN_TIMEOUT = daemon("plugin-timeout", ValueType.DURATION,
            Duration.ofSeconds(10), null, 1, NONE, APPLIED,
            "How long one call into a plugin (open, drain, close) may take before the daemon goes on without it",
            DaemonSettings::pluginTimeout);

    /** {@code idle-timeout}. */
    public static final Key<Duration> IDLE_TIMEOUT = inherited("idle-timeout", ValueType.DURATION,
            Duration.ofMinutes(5), null, 1, NONE, "Close a connection silent for this long",
            c -> c.access().idleTimeout());
    /** {@code max-connections} of a service. */
    public static final Key<Integer> MAX_CONNECTIONS = inherited("max-connections", ValueType.INTEGER, 1000, null,
            1, MILLION, "Connections the service may hold at once (capped at daemon.max-connections)",
            c -> c.access().maxConnections());
    /** {@code max-connections-per-ip}. */
    public static final Key<Integer> MAX_CONNECTIONS_PER_IP = inherited("max-connections-per-ip", ValueType.INTEGER,
            64, null, 1, MILLION, "Connections one client address may hold at once",
            c -> c.access().maxConnectionsPerIp());
    /** {@code max-connects-per-second-per-ip}. */
    public static final Key<Integer> MAX_CONNECTS_PER_SECOND_PER_IP = inherited("max-connects-per-second-per-ip",
            ValueType.INTEGER, 0, null, 0, MILLION, "New connections per second one client address may make; 0: no limit",
            c -> c.access().maxConnectsPerSecondPerIp());
    /** {@code ipv6-prefix}. */
    public static final Key<Integer> IPV6_PREFIX = inherited("ipv6-prefix", ValueType.INTEGER, 64, null, 32, 128,
            "Leading bits of an IPv6 client's address the per-IP limits count as one client",
            c -> c.access().ipv6Prefix());
    /** {@code allow}. */
    public static final Key<List<Cidr>> ALLOW = inherited("allow", ValueType.NETWORKS, List.of(), null, 0, NONE,
            "When not empty, only these networks may connect", c -> c.access().allow());
    /** {@code deny}. */
    public static final Key<List<Cidr>> DENY = inherited("deny", ValueType.NETWORKS, List.of(), null, 0, NONE,
            "These networks may never connect; deny wins over allow", c -> c.access().deny());
    /** {@code busy-message}. */
    public static final Key<String> BUSY_MESSAGE = inherited("busy-message", ValueType.LINE, "", null, 0, NONE,
            "The line sent to a client refused by a limit; empty: none", c -> c.access().busyMessage());
    /** {@code deny-message}. */
    public static final Key<String> DENY_MESSAGE = inherited("deny-message", ValueType.LINE, "", null, 0, NONE,
            "The line sent to a client refused by allow/deny; empty: none", c -> c.access().denyMessage());
    /** {@code proxy-protocol}. */
    public static final Key<List<Cidr>> PROXY_PROTOCOL = inherited("proxy-protocol", ValueType.NETWORKS, List.of(),
            null, 0, NONE, "The proxies whose connections start with a PROXY protocol header naming the client",
            c -> c.access().proxies());
    /** {@code tls-certificate}. */
    public static final Key<Optional<Path>> TLS_CERTIFICATE = inherited("tls-certificate", ValueType.FILE,
            Optional.empty(), null, 0, NONE, "The PEM certificate chain, leaf first; setting it turns TLS on",
            c -> c.tls().certificate());
    /** {@code tls-key}. */
    public static final Key<Optional<Path>> TLS_KEY = inherited("tls-key", ValueType.FILE, Optional.empty(), null,
            0, NONE, "The certificate's unencrypted PEM private key", c -> c.tls().key());
    /** {@code tls-keystore}. */
    public static final Key<Optional<Path>> TLS_KEYSTORE = inherited("tls-keystore", ValueType.FILE, Optional.empty(),
            null, 0, NONE, "A PKCS#12 keystore instead of the PEM pair; setting it turns TLS on",
            c -> c.tls().keystore());
    /** {@code tls-keystore-password-file}. */
    public static final Key<Optional<Path>> TLS_KEYSTORE_PASSWORD_FILE = inherited("tls-keystore-password-file",
            ValueType.FILE, Optional.empty(), null, 0, NONE, "The file whose first line is the keystore's password",
            c -> c.tls().passwordFile());
    /** {@code tls-handshake-timeout}. */
    public static final Key<Duration> TLS_HANDSHAKE_TIMEOUT = inherited("tls-handshake-timeout", ValueType.DURATION,
            Duration.ofSeconds(10), null, 1, Duration.ofMinutes(5).toMillis(), "The whole TLS handshake's deadline",
            c -> c.tls().handshakeTimeout());
    /** {@code tls-alpn}. */
    public static final Key<List<String>> TLS_ALPN = inherited("tls-alpn", ValueType.TEXTS, List.of(),
            "`[http/1.1]` for protocol `http`, else `[]`", 0, NONE, "The application protocols offered with ALPN",
            c -> c.tls().alpn());
    /** {@code transport}. */
    public static final Key<Transport> TRANSPORT = inherited("transport", ValueType.TRANSPORT, Transport.TCP, null,
            0, NONE, "tcp, udp, or both on the one port number", ServiceConfig::transport);
    /** {@code max-answers-per-second-per-ip}. */
    public static final Key<Integer> MAX_ANSWERS_PER_SECOND_PER_IP = inherited("max-answers-per-second-per-ip",
            ValueType.INTEGER, 5, null, 1, MILLION, "UDP: amplifying answers one source may get per second",
            c -> c.datagrams().perSourcePerSecond());
    /** {@code max-answers-per-second}. */
    public static final Key<Integer> MAX_ANSWERS_PER_SECOND = inherited("max-answers-per-second", ValueType.INTEGER,
            100, null, 1, 10 * MILLION, "UDP: amplifying answers all sources together may get per second",
            c -> c.datagrams().perSecond());

    /** {@code port}. */
    public static final Key<Integer> PORT = service("port", ValueType.PORT, null, "none: required", 0, 65535,
            "The TCP (or UDP) port; 0: any free port", ServiceConfig::port);
    /** {@code protocol}. */
    public static final Key<String> PROTOCOL = service("protocol", ValueType.PROTOCOL, null, "the service's name",
            0, NONE, "The protocol that serves it; a loaded plugin must provide it", ServiceConfig::protocol);
    /** {@code bind} of a service. */
    public static final Key<InetAddress> SERVICE_BIND = service("bind", ValueType.ADDRESS, null, "`daemon.bind`",
            0, NONE, "Where this service listens", ServiceConfig::bind);
    /** {@code enabled}. */
    public static final Key<Boolean> ENABLED = service("enabled", ValueType.BOOLEAN, true, null, 0, NONE,
            "false keeps the entry but does not run it", ServiceConfig::enabled);

    /** Every key, in the order of docs/configuration.md. */
    public static final List<Key<?>> ALL = List.of(BIND, PLUGINS, THREADS, TOTAL_CONNECTIONS, SHUTDOWN_GRACE, PLUGIN_TIMEOUT,
            IDLE_TIMEOUT, MAX_CONNECTIONS, MAX_CONNECTIONS_PER_IP, MAX_CONNECTS_PER_SECOND_PER_IP, IPV6_PREFIX, ALLOW,
            DENY, BUSY_MESSAGE, DENY_MESSAGE, PROXY_PROTOCOL, TLS_CERTIFICATE, TLS_KEY, TLS_KEYSTORE,
            TLS_KEYSTORE_PASSWORD_FILE, TLS_HANDSHAKE_TIMEOUT, TLS_ALPN, TRANSPORT, MAX_ANSWERS_PER_SECOND_PER_IP,
            MAX_ANSWERS_PER_SECOND, PORT, PROTOCOL, SERVICE_BIND, ENABLED);

    private DaemonKeys() {
    }

    /** @return the keys that may be set in the section */
    public static List<Key<?>> in(Key.Section section) {
        return ALL.stream().filter(k -> k.section() == section).toList();
    }

    /** @return the keys of a service section that the daemon reads: all others belong to its plugin */
    public static List<Key<?>> ofService() {
        return ALL.stream().filter(k -> k.section() != DAEMON).toList();
    }

    /** @return the names of the keys */
    public static Set<String> names(List<Key<?>> keys) {
        return keys.stream().map(Key::name).collect(Collectors.toUnmodifiableSet());
    }

    private static <T> Key<T> daemon(String name, ValueType<T> type, T fallback, String defaultText, long min, long max,
                                     Key.Reload reload, String doc, Function<DaemonSettings, T> effective) {
        return new Key<>(DAEMON, name, type, fallback, defaultText(type, fallback, defaultText), min, max, reload, doc,
                holder -> effective.apply((DaemonSettings) holder));
    }

    private static <T> Key<T> inherited(String name, ValueType<T> type, T fallback, String defaultText, long min,
                                        long max, String doc, Function<ServiceConfig, T> effective) {
        return new Key<>(INHERITED, name, type, fallback, defaultText(type, fallback, defaultText), min, max,
                REPLACES_SERVICE, doc, holder -> effective.apply((ServiceConfig) holder));
    }

    private static <T> Key<T> service(String name, ValueType<T> type, T fallback, String defaultText, long min,
                                      long max, String doc, Function<ServiceConfig, T> effective) {
        return new Key<>(SERVICE, name, type, fallback, defaultText(type, fallback, defaultText), min, max,
                REPLACES_SERVICE, doc, holder -> effective.apply((ServiceConfig) holder));
    }

    private static <T> String defaultText(ValueType<T> type, T fallback, String given) {
        if (given != null) {
            return given;
        }
        String text = type.text(fallback);
        return text.equals("none") ? "none" : "`" + text + "`";
    }
}
