package dev.switchboard.plugins.admin;

import dev.switchboard.api.ServiceContext;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What answers an admin request: GET and HEAD only; a Host that names this machine (against DNS
 * rebinding, where a web page's own name is pointed at 127.0.0.1 to read these pages); then the
 * dashboard's files, {@code /status.json} or {@code /metrics}, with the status the client may see.
 */
final class AdminPages {

    private final ServiceContext context;
    private final Set<String> allowedHosts;
    private final Dashboard dashboard = new Dashboard();

    /** @param allowedHosts lower-case host names accepted besides IP literals and {@code localhost} */
    AdminPages(ServiceContext context, Set<String> allowedHosts) {
        this.context = context;
        this.allowedHosts = allowedHosts;
    }

    Reply answer(RequestHead request, InetAddress client) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return Reply.text(405, "Method Not Allowed", "the admin pages answer GET and HEAD only\n")
                    .field("Allow", "GET, HEAD");
        }
        Optional<String> host = Optional.ofNullable(request.fields().get("host"));
        if (host.isEmpty() && request.minorVersion() >= 1) {
            return Reply.text(400, "Bad Request", "HTTP/1.1 needs a Host field\n");
        }
        if (host.isPresent() && !accepted(host.get())) {
            return Reply.text(403, "Forbidden", "the admin service does not answer to the name '" + hostName(host.get())
                    + "': add it to the service's allowed-hosts if it is this machine's\n");
        }
        String path = request.path();
        switch (path) {
            case "/status.json" -> {
                return Reply.ok("application/json", StatusJson.render(context.status(client)))
                        .field("Cache-Control", "no-store");
            }
            case "/metrics" -> {
                return Reply.ok(Metrics.CONTENT_TYPE, Metrics.render(context.status(client)))
                        .field("Cache-Control", "no-store");
            }
            default -> {
                return dashboard.asset(path.equals("/") ? "index.html" : path.substring(1))
                        .orElseGet(() -> Reply.text(404, "Not Found", "no such admin page: try / or /status.json or /metrics\n"));
            }
        }
    }

    private boolean accepted(String field) {
        String name = hostName(field).toLowerCase(Locale.ROOT);
        return name.startsWith("[") || name.matches("[0-9.]+") || name.equals("localhost")
                || allowedHosts.contains(name);
    }

    /** @return the field without its port: {@code [::1]:7070} is {@code [::1]}, {@code pi.local:7070} is {@code pi.local} */
    private static String hostName(String field) {
        if (field.startsWith("[")) {
            int end = field.indexOf(']');
            return end < 0 ? field : field.substring(0, end + 1);
        }
        int colon = field.indexOf(':');
        return colon < 0 ? field : field.substring(0, colon);
    }
}
