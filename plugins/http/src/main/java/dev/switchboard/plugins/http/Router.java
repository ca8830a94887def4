package dev.switchboard.plugins.http;

import dev.switchboard.api.ServiceContext;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what answers a request: 405 or 501 for methods other than GET and HEAD, then the dashboard,
 * the metrics, or a file under the root.
 */
final class Router {

    /** RFC 9110 §9 methods plus PATCH (RFC 5789): known, but not allowed on static files. */
    private static final Set<String> KNOWN_METHODS =
            Set.of("POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    private final FileResponder files;
    private final Optional<List<String>> dashboardPath;
    private final Optional<List<String>> metricsPath;
    private final Dashboard dashboard;
    private final ServiceContext context;
    private final RequestCounter requests;

    Router(HttpConfig config, ServiceContext context, RequestCounter requests) {
        this.files = new FileResponder(config);
        this.dashboardPath = config.dashboardPath().map(Router::segments);
        this.metricsPath = config.metricsPath().map(Router::segments);
        this.dashboard = dashboardPath.isPresent() ? new Dashboard(context) : null;
        this.context = context;
        this.requests = requests;
    }

    /** @param client who asks: the status shown leaves out what that client's access rules hide */
    Response route(Request request, InetAddress client) throws HttpError, IOException {
        String method = request.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            if (KNOWN_METHODS.contains(method)) {
                return HttpStatus.errorPage(405).header("Allow", "GET, HEAD");
            }
            throw HttpError.of(501, "unknown method");
        }
        TargetPath target = TargetPath.parse(request.target());
        List<String> segments = target.segments();
        if (dashboardPath.isPresent() && startsWith(segments, dashboardPath.get())) {
            if (segments.size() == dashboardPath.get().size() && !target.trailingSlash()) {
                return HttpStatus.errorPage(301).header("Location", target.encoded() + "/");
            }
            return dashboard.respond(segments.subList(dashboardPath.get().size(), segments.size()), client);
        }
        if (metricsPath.isPresent() && segments.equals(metricsPath.get()) && !target.trailingSlash()) {
            return Response.text(200, Metrics.CONTENT_TYPE,
                    Metrics.render(context.status(client), context.serviceName(), requests.snapshot()))
                    .header("Cache-Control", "no-store");
        }
        return files.respond(request, target);
    }

    private static boolean startsWith(List<String> segments, List<String> prefix) {
        return segments.size() >= prefix.size() && segments.subList(0, prefix.size()).equals(prefix);
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }
}
