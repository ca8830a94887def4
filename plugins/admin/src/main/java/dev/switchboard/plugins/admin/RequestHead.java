package dev.switchboard.plugins.admin;

import dev.switchboard.api.LineReader;
import dev.switchboard.api.LineTooLongException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The request line and header fields of one HTTP/1.x request (RFC 9112 §2-5), read within bounds. The
 * admin pages take no request body, so a request announcing one is answered and the connection closed.
 *
 * @param method e.g. {@code GET}
 * @param target the request target as sent, e.g. {@code /status.json?x=1}
 * @param minorVersion 0 or 1
 * @param fields the header fields by lower-case name; a repeated field keeps its last value
 */
record RequestHead(String method, String target, int minorVersion, Map<String, String> fields) {

    static final int MAX_LINE = 8 * 1024;
    static final int MAX_FIELDS = 100;

    private static final Pattern REQUEST_LINE = Pattern.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\\S+) HTTP/1\\.(\\d)");
    private static final Pattern FIELD = Pattern.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \\t]*(.*?)[ \\t]*");

    /** A request that breaks the grammar or the bounds. */
    static final class Malformed extends IOException {
        Malformed(String message) {
            super(message);
        }
    }

    /** @return the next request's head, or empty when the client closed between requests */
    static Optional<RequestHead> read(LineReader lines) throws IOException {
        Optional<String> first;
        try {
            first = lines.readLine();
            if (first.isPresent() && first.get().isEmpty()) {
                first = lines.readLine(); // RFC 9112 §2.2: one empty line before a request is tolerated
            }
            if (first.isEmpty()) {
                return Optional.empty();
            }
            Matcher line = REQUEST_LINE.matcher(first.get());
            if (!line.matches()) {
                throw new Malformed("not an HTTP/1.x request line");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int count = 0; ; count++) {
                String text = lines.readLine().orElseThrow(() -> new Malformed("the request head ended early"));
                if (text.isEmpty()) {
                    break;
                }
                Matcher field = FIELD.matcher(text);
                if (count == MAX_FIELDS || !field.matches()) {
                    throw new Malformed(count == MAX_FIELDS ? "more than " + MAX_FIELDS + " header fields"
                            : "malformed header field");
                }
                fields.put(field.group(1).toLowerCase(Locale.ROOT), field.group(2));
            }
            return Optional.of(new RequestHead(line.group(1), line.group(2), Integer.parseInt(line.group(3)), fields));
        } catch (LineTooLongException e) {
            throw new Malformed("a request line or field longer than " + MAX_LINE + " bytes");
        }
    }

    /** @return the target's path, without the query */
    String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /** @return whether the connection may carry another request after this one's answer */
    boolean keepAlive() {
        String connection = fields.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
        boolean hasBody = fields.containsKey("transfer-encoding")
                || !fields.getOrDefault("content-length", "0").equals("0");
        boolean persistent = minorVersion >= 1 ? !connection.contains("close") : connection.contains("keep-alive");
        return persistent && !hasBody;
    }
}
