package dev.switchboard.plugins.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A request's header fields in arrival order, looked up case-insensitively (RFC 9110 §5.1). */
final class Headers {

    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    void add(String name, String value) {
        names.add(name.toLowerCase(Locale.ROOT));
        values.add(value);
    }

    int size() {
        return names.size();
    }

    /** @return the first value of the field, if present */
    Optional<String> first(String name) {
        int i = names.indexOf(name);
        return i < 0 ? Optional.empty() : Optional.of(values.get(i));
    }

    /** @return every value of the field, in order */
    List<String> all(String name) {
        List<String> found = new ArrayList<>(1);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(name)) {
                found.add(values.get(i));
            }
        }
        return found;
    }

    /** @return true when a comma-separated field such as {@code Connection} lists the token */
    boolean hasToken(String name, String token) {
        for (String value : all(name)) {
            for (String item : value.split(",")) {
                if (item.trim().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }
}
