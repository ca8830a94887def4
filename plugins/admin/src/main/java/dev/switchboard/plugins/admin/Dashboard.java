package dev.switchboard.plugins.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's page, stylesheet and script, shipped in this JAR (no CDN: it must work on an offline
 * machine) and loaded once when the service opens. The script polls {@code status.json}.
 */
final class Dashboard {

    /** Asset name to content type. */
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8");

    private final Map<String, byte[]> assets = Map.of(
            "index.html", load("index.html"),
            "dashboard.css", load("dashboard.css"),
            "dashboard.js", load("dashboard.js"));

    /** @return the asset of that name, e.g. {@code dashboard.js}, or empty */
    Optional<Reply> asset(String name) {
        byte[] asset = assets.get(name);
        return asset == null ? Optional.empty()
                : Optional.of(Reply.bytes(TYPES.get(name), asset).field("Cache-Control", "no-cache"));
    }

    private static byte[] load(String name) {
        try (InputStream in = Dashboard.class.getResourceAsStream("dashboard/" + name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard/" + name + " is missing from the admin plugin's JAR");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
