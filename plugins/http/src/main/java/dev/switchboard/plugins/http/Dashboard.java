package dev.switchboard.plugins.http;

import dev.switchboard.api.ServiceContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * The status dashboard: a page, its stylesheet and script (shipped in this JAR, no CDN), and the
 * status document the script polls.
 */
final class Dashboard {

    /** Asset name to content type; loaded once when the service opens. */
    private static final Map<String, String> ASSETS = Map.of(
            "index.html", "text/html; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8");

    private final ServiceContext context;
    private final Map<String, byte[]> assets;

    Dashboard(ServiceContext context) {
        this.context = context;
        this.assets = Map.of(
                "index.html", load("index.html"),
                "dashboard.css", load("dashboard.css"),
                "dashboard.js", load("dashboard.js"));
    }

    /**
     * @param rest the path's segments after the dashboard's own
     * @param client who asks, for the status sources it may see
     */
    Response respond(List<String> rest, InetAddress client) throws HttpError {
        String name = rest.isEmpty() ? "index.html" : rest.size() == 1 ? rest.get(0) : "";
        if (name.equals("status.json")) {
            return Response.text(200, "application/json", StatusJson.render(context.status(client)))
                    .header("Cache-Control", "no-store");
        }
        byte[] asset = assets.get(name);
        if (asset == null) {
            throw HttpError.of(404, "no such dashboard file");
        }
        return Response.bytes(200, ASSETS.get(name), asset).header("Cache-Control", "no-cache");
    }

    private static byte[] load(String name) {
        try (InputStream in = Dashboard.class.getResourceAsStream("dashboard/" + name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard/" + name + " is missing from the http plugin's JAR");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
