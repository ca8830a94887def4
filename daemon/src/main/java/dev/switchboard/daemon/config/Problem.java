package dev.switchboard.daemon.config;

import java.util.Objects;

/**
 * One thing wrong with the configuration, printed as {@code FILE:LINE: key.path: message}.
 *
 * @param file where the problem is, as the user named it (e.g. {@code conf/switchboard.yml})
 * @param line the 1-based line, or 0 when the problem has no line (a plugin JAR, say)
 * @param key the dotted key path ({@code services.echo.port}), or empty
 * @param message what is wrong and how to fix it
 */
public record Problem(String file, int line, String key, String message) {

    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (key.isEmpty() ? "" : key + ": ") + message;
    }
}
