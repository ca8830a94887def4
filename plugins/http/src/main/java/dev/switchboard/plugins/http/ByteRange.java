package dev.switchboard.plugins.http;

import java.util.Optional;

/**
 * A single byte range (RFC 9110 §14.1.2) resolved against a representation's length.
 *
 * @param first the first byte, inclusive
 * @param last the last byte, inclusive
 */
record ByteRange(long first, long last) {

    /** What a Range header asks of a representation. */
    enum Kind {
        /** No usable single range: send the whole representation (200). */
        WHOLE,
        /** One satisfiable range (206). */
        PARTIAL,
        /** Syntactically fine but outside the representation (416). */
        UNSATISFIABLE
    }

    /**
     * @param kind the outcome
     * @param range the range when {@code kind} is PARTIAL
     */
    record Outcome(Kind kind, Optional<ByteRange> range) {
    }

    long length() {
        return last - first + 1;
    }

    /**
     * @param header the Range field's value
     * @param size the representation's length in bytes
     * @return the outcome: malformed headers, other units and multiple ranges are answered whole
     *     (RFC 9110 §14.2 lets a server ignore a Range; one 200 costs less than a multipart body and
     *     cannot be used to ask for the same bytes many times over)
     */
    static Outcome parse(String header, long size) {
        String spec = header.strip();
        if (!spec.regionMatches(true, 0, "bytes=", 0, 6)) {
            return whole();
        }
        spec = spec.substring(6).strip();
        if (spec.indexOf(',') >= 0) {
            return whole();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return whole();
        }
        String start = spec.substring(0, dash).strip();
        String end = spec.substring(dash + 1).strip();
        long first;
        long last;
        if (start.isEmpty()) {
            long suffix = number(end);
            if (suffix < 0) {
                return whole();
            }
            if (suffix == 0 || size == 0) {
                return new Outcome(Kind.UNSATISFIABLE, Optional.empty());
            }
            first = Math.max(0, size - suffix);
            last = size - 1;
        } else {
            first = number(start);
            last = end.isEmpty() ? Long.MAX_VALUE : number(end);
            if (first < 0 || last < 0 || last < first) {
                return whole();
            }
            if (first >= size) {
                return new Outcome(Kind.UNSATISFIABLE, Optional.empty());
            }
            last = Math.min(last, size - 1);
        }
        return new Outcome(Kind.PARTIAL, Optional.of(new ByteRange(first, last)));
    }

    private static Outcome whole() {
        return new Outcome(Kind.WHOLE, Optional.empty());
    }

    /**
     * @return the non-negative number, saturated at {@link Long#MAX_VALUE} when it has more digits than
     *     a long holds (RFC 9110 §14.1.1: a position past the length still means "to the end"),
     *     or -1 when the text is not a run of digits
     */
    private static long number(String text) {
        if (text.isEmpty()) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            int digit = c - '0';
            value = value > (Long.MAX_VALUE - digit) / 10 ? Long.MAX_VALUE : value * 10 + digit;
        }
        return value;
    }
}
