package dev.switchboard.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One line the daemon logged at WARN or ERROR, as the admin dashboard's "recent trouble" lists it. The
 * message is the text as logged: escape it for wherever it is shown.
 *
 * @param time when it was logged
 * @param level {@code WARN} or {@code ERROR}
 * @param logger the logger's name, e.g. {@code dev.switchboard.daemon.net.Listener}
 * @param message the message, with the first line of a stack trace's exception appended
 */
public record LogLine(Instant time, String level, String logger, String message) {

    /** Checks for nulls. */
    public LogLine {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(logger, "logger");
        Objects.requireNonNull(message, "message");
    }
}
