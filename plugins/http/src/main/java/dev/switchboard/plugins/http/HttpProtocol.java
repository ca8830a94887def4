package dev.switchboard.plugins.http;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Handler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import dev.switchboard.api.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.pf4j.Extension;

/**
 * HTTP/1.1 (RFC 9110, RFC 9112): serves the static files under {@code root}. The daemon's dashboard and
 * metrics are the admin plugin's.
 *
 * <pre>{@code
 * services:
 *   http: { port: 8080, root: www }
 * }</pre>
 */
@Extension
public final class HttpProtocol implements Protocol {

    @Override
    public String name() {
        return "http";
    }

    @Override
    public Handler open(ServiceContext context) throws ConfigException {
        HttpConfig config = read(context.settings());
        return new HttpHandler(config, context);
    }

    /** Keys of 0.1.0, when http also served the dashboard and metrics. */
    private static final List<String> MOVED_KEYS = List.of("dashboard", "dashboard-path", "metrics", "metrics-path");

    static HttpConfig read(Settings s) throws ConfigException {
        for (String key : MOVED_KEYS) {
            if (s.string(key).isPresent()) {
                throw s.invalid(key, "the dashboard, status.json and /metrics moved to the admin service "
                        + "(protocol: admin, port 7070 on loopback in the shipped config): remove " + key
                        + " here and see docs/configuration.md, admin");
            }
        }
        Path root = s.path("root", Path.of("www"));
        String index = s.string("index", "index.html");
        boolean serveHidden = s.flag("serve-hidden", false);
        boolean followSymlinks = s.flag("follow-symlinks", true);
        boolean listing = s.flag("directory-listing", false);
        Duration headerTimeout = s.duration("header-timeout", Duration.ofSeconds(10), Duration.ofMillis(1), Duration.ofDays(1));
        Duration keepAlive = s.duration("keep-alive-timeout", Duration.ofSeconds(30), Duration.ofMillis(1), Duration.ofDays(1));
        long cacheSize = s.size("cache-size", 16L * 1024 * 1024);
        long cacheMaxFile = s.size("cache-max-file", 256L * 1024);
        boolean accessLog = s.flag("access-log", true);

        if (index.isEmpty() || index.contains("/") || index.contains("\\") || index.startsWith(".")) {
            throw s.invalid("index", "must be a plain file name such as index.html, not '" + index + "'");
        }
        if (cacheMaxFile > Integer.MAX_VALUE - 8) {
            throw s.invalid("cache-max-file", "must be below 2GiB");
        }
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            throw s.invalid("root", root + " does not exist: create it or point root at a directory");
        }
        if (!Files.isDirectory(realRoot)) {
            throw s.invalid("root", root + " is not a directory");
        }
        try {
            if (!PathResolver.supported(realRoot)) {
                throw s.invalid("root", "this platform cannot open files relative to a directory handle"
                        + " (no SecureDirectoryStream), so files cannot be served without a symlink race");
            }
        } catch (IOException e) {
            throw s.invalid("root", root + " cannot be read: " + e.getMessage());
        }
        return new HttpConfig(realRoot, index, serveHidden, followSymlinks, listing, headerTimeout, keepAlive, cacheSize,
                cacheMaxFile, accessLog);
    }
}
