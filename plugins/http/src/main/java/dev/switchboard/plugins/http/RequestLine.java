package dev.switchboard.plugins.http;

/** Parses a request line (RFC 9112 §3): {@code method SP request-target SP HTTP-version}. */
final class RequestLine {

    private RequestLine() {
    }

    /**
     * @return a request with the line's parts and no headers yet
     * @throws HttpError 400 when malformed, 505 when the major version is not 1
     */
    static Request parse(String line) throws HttpError {
        int first = line.indexOf(' ');
        int last = line.lastIndexOf(' ');
        if (first <= 0 || last == first || line.indexOf(' ', first + 1) != last) {
            throw HttpError.fatal(400, "request line is not 'method target version'");
        }
        String method = line.substring(0, first);
        String target = line.substring(first + 1, last);
        String version = line.substring(last + 1);
        if (!isToken(method)) {
            throw HttpError.fatal(400, "malformed method");
        }
        if (target.isEmpty() || !isVisibleAscii(target)) {
            throw HttpError.fatal(400, "malformed request target");
        }
        if (version.length() != 8 || !version.startsWith("HTTP/") || version.charAt(6) != '.'
                || !isDigit(version.charAt(5)) || !isDigit(version.charAt(7))) {
            throw HttpError.fatal(400, "malformed HTTP version");
        }
        if (version.charAt(5) != '1') {
            throw HttpError.fatal(505, "HTTP major version " + version.charAt(5));
        }
        // RFC 9110 §6.2: a later 1.x minor version is answered as 1.1, the highest we speak.
        int minor = version.charAt(7) == '0' ? 0 : 1;
        return new Request(line, method, target, minor, new Headers());
    }

    /** RFC 9110 §5.6.2 token: visible ASCII except delimiters. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVisibleAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
