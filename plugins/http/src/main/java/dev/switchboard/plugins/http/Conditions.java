package dev.switchboard.plugins.http;

import java.time.Instant;
import java.util.Optional;

/**
 * Evaluates a request's preconditions (RFC 9110 §13.2.2) against a file's validators: If-Match and
 * If-Unmodified-Since (412), If-None-Match and If-Modified-Since (304), and If-Range for ranges.
 *
 * @param etag the file's strong entity tag, quoted
 * @param lastModified the file's modification time, in whole seconds
 */
record Conditions(String etag, Instant lastModified) {

    /** What the preconditions decide. */
    enum Outcome {
        /** Go on and send the representation. */
        PROCEED,
        /** 304 Not Modified. */
        NOT_MODIFIED,
        /** 412 Precondition Failed. */
        FAILED
    }

    Outcome evaluate(Headers headers) {
        Optional<String> ifMatch = headers.first("if-match");
        if (ifMatch.isPresent()) {
            if (!matches(ifMatch.get(), false)) {
                return Outcome.FAILED;
            }
        } else {
            Optional<Instant> unmodifiedSince = headers.first("if-unmodified-since").flatMap(HttpDates::parse);
            if (unmodifiedSince.isPresent() && lastModified.isAfter(unmodifiedSince.get())) {
                return Outcome.FAILED;
            }
        }
        Optional<String> ifNoneMatch = headers.first("if-none-match");
        if (ifNoneMatch.isPresent()) {
            return matches(ifNoneMatch.get(), true) ? Outcome.NOT_MODIFIED : Outcome.PROCEED;
        }
        Optional<Instant> modifiedSince = headers.first("if-modified-since").flatMap(HttpDates::parse);
        if (modifiedSince.isPresent() && !lastModified.isAfter(modifiedSince.get())) {
            return Outcome.NOT_MODIFIED;
        }
        return Outcome.PROCEED;
    }

    /** @return true when a Range may be honoured: no If-Range, or one naming this very representation */
    boolean rangeApplies(Headers headers) {
        Optional<String> ifRange = headers.first("if-range");
        if (ifRange.isEmpty()) {
            return true;
        }
        String value = ifRange.get().strip();
        if (value.startsWith("\"")) {
            return value.equals(etag);
        }
        return HttpDates.parse(value).map(lastModified::equals).orElse(false);
    }

    /** @param weak true for If-None-Match's weak comparison, false for If-Match's strong one */
    private boolean matches(String list, boolean weak) {
        if (list.strip().equals("*")) {
            return true;
        }
        for (String item : list.split(",")) {
            String tag = item.strip();
            if (tag.startsWith("W/")) {
                if (!weak) {
                    continue;
                }
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
