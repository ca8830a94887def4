package dev.switchboard.plugins.http;

import java.util.List;

/**
 * One parsed request head.
 *
 * @param line the request line as received, for the access log
 * @param method the method, case-sensitive as RFC 9110 says
 * @param target the request-target as received
 * @param minorVersion 0 for HTTP/1.0, 1 for HTTP/1.1 (and later 1.x, which are answered as 1.1)
 * @param headers the header fields
 */
record Request(String line, String method, String target, int minorVersion, Headers headers) {

    /**
     * RFC 9112 §6.3: how long the body is, so it can be skipped.
     *
     * @return the Content-Length, 0 when there is none, or -1 for a Transfer-Encoding (a body whose end
     *     this server does not look for, so the connection must close after the response)
     * @throws HttpError 400, fatal, for framing that cannot be trusted (smuggling attempts included)
     */
    long bodyLength() throws HttpError {
        List<String> lengths = headers.all("content-length");
        if (!headers.all("transfer-encoding").isEmpty()) {
            if (!lengths.isEmpty()) {
                throw HttpError.fatal(400, "both Transfer-Encoding and Content-Length");
            }
            return -1;
        }
        String length = null;
        for (String value : lengths) {
            for (String item : value.split(",", -1)) {
                String digits = item.strip();
                if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                        || (length != null && !length.equals(digits))) {
                    throw HttpError.fatal(400, "invalid Content-Length");
                }
                length = digits;
            }
        }
        return length == null ? 0 : Long.parseLong(length);
    }

    boolean isHead() {
        return method.equals("HEAD");
    }

    /** RFC 9112 §9.3: 1.1 persists unless told to close; 1.0 only when asked to keep alive. */
    boolean wantsKeepAlive() {
        if (headers.hasToken("connection", "close")) {
            return false;
        }
        return minorVersion >= 1 || headers.hasToken("connection", "keep-alive");
    }
}
