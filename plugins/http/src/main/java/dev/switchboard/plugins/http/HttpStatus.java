package dev.switchboard.plugins.http;

/** Reason phrases (RFC 9110 §15) and the small HTML pages sent with errors. */
final class HttpStatus {

    private HttpStatus() {
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 206 -> "Partial Content";
            case 301 -> "Moved Permanently";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 412 -> "Precondition Failed";
            case 414 -> "URI Too Long";
            case 416 -> "Range Not Satisfiable";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status " + status;
        };
    }

    /** A page that names the status and nothing else: no paths, versions or traces. */
    static Response errorPage(int status) {
        String title = status + " " + reason(status);
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + "</title></head>\n<body><h1>" + title + "</h1></body></html>\n";
        return Response.text(status, "text/html; charset=utf-8", html).header("Cache-Control", "no-store");
    }
}
