package dev.switchboard.api;

import java.io.IOException;

/**
 * A line went past its reader's limit. The reader has not buffered the excess and will skip the rest
 * of that line, so the connection may carry on with the next one:
 *
 * <pre>{@code
 * try {
 *     line = lines.readLine();
 * } catch (LineTooLongException e) {
 *     say("* line too long (limit " + e.limit() + " bytes), ignored");
 * }
 * }</pre>
 */
public final class LineTooLongException extends IOException {

    private final int limit;

    /** @param limit the reader's limit in bytes */
    public LineTooLongException(int limit) {
        super("line longer than " + limit + " bytes");
        this.limit = limit;
    }

    /** @return the reader's limit in bytes */
    public int limit() {
        return limit;
    }
}
