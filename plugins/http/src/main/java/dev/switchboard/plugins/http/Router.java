package dev.switchboard.plugins.http;

import java.io.IOException;
import java.util.Set;

/** Decides what answers a request: 405 or 501 for methods other than GET and HEAD, else a file under the root. */
final class Router implements AutoCloseable {

    /** RFC 9110 §9 methods plus PATCH (RFC 5789): known, but not allowed on static files. */
    private static final Set<String> KNOWN_METHODS =
            Set.of("POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    private final FileResponder files;

    Router(HttpConfig config) {
        this.files = new FileResponder(config);
    }

    @Override
    public void close() {
        files.close();
    }

    Response route(Request request) throws HttpError, IOException {
        String method = request.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            if (KNOWN_METHODS.contains(method)) {
                return HttpStatus.errorPage(405).header("Allow", "GET, HEAD");
            }
            throw HttpError.of(501, "unknown method");
        }
        return files.respond(request, TargetPath.parse(request.target()));
    }
}
