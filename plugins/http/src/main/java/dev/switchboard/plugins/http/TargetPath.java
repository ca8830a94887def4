package dev.switchboard.plugins.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A request target's path, split into segments and percent-decoded exactly once, with everything that
 * could step outside the served directory refused: {@code .} and {@code ..} segments, encoded slashes
 * and backslashes, control characters (NUL included), malformed or overlong UTF-8. What is left can be
 * resolved one segment at a time under the root.
 *
 * @param segments the decoded, non-empty segments
 * @param trailingSlash whether the path ends in {@code /} (a directory was asked for)
 * @param query the query after {@code ?}, if any, undecoded
 */
record TargetPath(List<String> segments, boolean trailingSlash, Optional<String> query) {

    TargetPath {
        segments = List.copyOf(segments);
    }

    /**
     * @param target the request-target in origin form ({@code /a/b?q}) or absolute form
     *     ({@code http://host/a/b})
     * @throws HttpError 400 for any target that is malformed or unsafe
     */
    static TargetPath parse(String target) throws HttpError {
        String path = stripAuthority(target);
        if (!path.startsWith("/")) {
            throw HttpError.of(400, "request target is not an absolute path");
        }
        if (path.indexOf('#') >= 0) {
            throw HttpError.of(400, "fragment in request target");
        }
        Optional<String> query = Optional.empty();
        int q = path.indexOf('?');
        if (q >= 0) {
            query = Optional.of(path.substring(q + 1));
            path = path.substring(0, q);
        }
        List<String> segments = new ArrayList<>();
        // Split before decoding, so an encoded slash (%2F) stays inside its segment and is refused there.
        for (String raw : path.split("/", -1)) {
            if (raw.isEmpty()) {
                continue;
            }
            String segment = decode(raw);
            if (segment.equals(".") || segment.equals("..")) {
                throw HttpError.of(400, "dot segment in request target");
            }
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                if (c < 0x20 || c == 0x7f || c == '/' || c == '\\') {
                    throw HttpError.of(400, "forbidden character in request target");
                }
            }
            segments.add(segment);
        }
        return new TargetPath(segments, path.endsWith("/"), query);
    }

    /** @return true when a segment names a dot-file or dot-directory */
    boolean hidden() {
        for (String segment : segments) {
            if (segment.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** @return the path percent-encoded again, always starting with {@code /}: safe for a Location */
    String encoded() {
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            out.append('/').append(encode(segment));
        }
        if (trailingSlash || segments.isEmpty()) {
            out.append('/');
        }
        return out.toString();
    }

    /** Percent-encodes all but RFC 3986 unreserved characters, as UTF-8. */
    static String encode(String segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    private static String stripAuthority(String target) {
        if (target.startsWith("/")) {
            return target;
        }
        String lower = target.substring(0, Math.min(8, target.length())).toLowerCase(Locale.ROOT);
        int start = lower.startsWith("http://") ? 7 : lower.startsWith("https://") ? 8 : -1;
        if (start < 0) {
            return target;
        }
        int slash = target.indexOf('/', start);
        return slash < 0 ? "/" : target.substring(slash);
    }

    private static String decode(String raw) throws HttpError {
        if (raw.indexOf('%') < 0) {
            return raw;  // the request line is visible ASCII already: nothing to decode
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw HttpError.of(400, "malformed percent-encoding");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        try {
            // A strict decoder: overlong forms (C0 AE for '.') and other malformed input are errors.
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw HttpError.of(400, "request target is not valid UTF-8");
        }
    }
}
