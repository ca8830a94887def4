package dev.switchboard.daemon.config;

import java.util.List;
import java.util.Map;

/**
 * A YAML value and the line it starts on: the parsed form of the configuration, kept so every error
 * can name its line. The value is a {@code String} (any scalar), a {@code List<YamlValue>}, a
 * {@code Map<String, YamlValue>} in file order, or {@code null} for YAML's null ({@code key:} alone).
 *
 * @param value the value, as above
 * @param line the 1-based line where it starts
 */
public record YamlValue(Object value, int line) {

    boolean isNull() {
        return value == null;
    }

    boolean isScalar() {
        return value instanceof String;
    }

    @SuppressWarnings("unchecked")
    List<YamlValue> asList() {
        return (List<YamlValue>) value;
    }

    @SuppressWarnings("unchecked")
    Map<String, YamlValue> asMap() {
        return (Map<String, YamlValue>) value;
    }

    boolean isList() {
        return value instanceof List;
    }

    boolean isMap() {
        return value instanceof Map;
    }

    String kind() {
        return isMap() ? "a mapping" : isList() ? "a list" : isNull() ? "empty" : "'" + value + "'";
    }
}
