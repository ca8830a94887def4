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
import java.util.Optional;
import org.pf4j.Extension;

/**
 * HTTP/1.1 (RFC 9110, RFC 9112): serves the static files under {@code root}, a live status dashboard
 * and Prometheus metrics.
 *
 * <pre>{@code
 * services:
 *   http: { port: 8080, root: www, dashboard-path: /_switchboard/ }
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

    static HttpConfig read(Settings s) throws ConfigException {
        Path root = s.path("root", Path.of("www"));
        String index = s.string("index", "index.html");
        boolean serveHidden = s.flag("serve-hidden", false);
        boolean followSymlinks = s.flag("follow-symlinks", true);
        boolean listing = s.flag("directory-listing", false);
        Duration headerTimeout = positive(s, "header-timeout", s.duration("header-timeout", Duration.ofSeconds(10)));
        Duration keepAlive = positive(s, "keep-alive-timeout", s.duration("keep-alive-timeout", Duration.ofSeconds(30)));
        long cacheSize = s.size("cache-size", 16L * 1024 * 1024);
        long cacheMaxFile = s.size("cache-max-file", 256L * 1024);
        boolean dashboard = s.flag("dashboard", true);
        String dashboardPath = s.string("dashboard-path", "/_switchboard/");
        boolean metrics = s.flag("metrics", true);
        String metricsPath = s.string("metrics-path", "/metrics");
        boolean accessLog = s.flag("access-log", true);

        if (index.isEmpty() || index.contains("/") || index.contains("\\") || index.startsWith(".")) {
            throw s.invalid("index", "must be a plain file name such as index.html, not '" + index + "'");
        }
        if (cacheMaxFile > Integer.MAX_VALUE - 8) {
            throw s.invalid("cache-max-file", "must be below 2GiB");
        }
        if (!dashboardPath.matches("/([A-Za-z0-9._~-]+/)+")) {
            throw s.invalid("dashboard-path", "must look like /_switchboard/ (starting and ending with /)");
        }
        if (!metricsPath.matches("(/[A-Za-z0-9._~-]+)+")) {
            throw s.invalid("metrics-path", "must look like /metrics (starting with /, no trailing /)");
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
                cacheMaxFile, dashboard ? Optional.of(dashboardPath) : Optional.empty(),
                metrics ? Optional.of(metricsPath) : Optional.empty(), accessLog);
    }

    private static Duration positive(Settings s, String key, Duration value) throws ConfigException {
        if (value.isZero() || value.isNegative()) {
            throw s.invalid(key, "must be longer than zero, e.g. 10s");
        }
        return value;
    }
}
