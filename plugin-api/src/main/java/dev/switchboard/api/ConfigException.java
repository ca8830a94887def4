package dev.switchboard.api;

import java.util.Objects;

/**
 * A service's configuration is wrong. The daemon reports it as {@code file:line: key.path: message}
 * and does not start the service; other services are not affected.
 *
 * <p>Usually made by {@link Settings#invalid(String, String)}, which knows where the key is:
 * <pre>{@code
 * if (max < min) throw settings.invalid("max", "must be at least min (" + min + ")");
 * }</pre>
 * A key of the form {@code name[index]} (from 0) names one item of a list: the problem is reported at
 * that item's line, as {@code services.echo.deny[1]}.
 */
public class ConfigException extends Exception {

    private final String key;

    /**
     * @param key the key at fault, relative to the service's section (e.g. {@code "zone"}), or an empty
     *     string for the section as a whole
     * @param message what is wrong and how to fix it
     */
    public ConfigException(String key, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.key = Objects.requireNonNull(key, "key");
    }

    /** @return the key at fault, relative to the service's section; empty for the whole section */
    public String key() {
        return key;
    }
}
