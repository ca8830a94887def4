package dev.switchboard.daemon.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Schema (2020-12) fragments for the value syntaxes of docs/configuration.md, shared by the daemon's
 * keys and the keys a plugin reads. YAML scalars may arrive as numbers, booleans or strings (an editor's
 * YAML 1.2 reads {@code yes} as text), so each accepts every spelling the loader accepts.
 */
public final class SchemaTypes {

    private SchemaTypes() {
    }

    /** @return a whole number within the bounds */
    public static Map<String, Object> integer(long min, long max) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "integer");
        if (min != Long.MIN_VALUE) {
            schema.put("minimum", min);
        }
        if (max != Long.MAX_VALUE) {
            schema.put("maximum", max);
        }
        return schema;
    }

    /** @return a duration: a whole number and a unit, any case */
    public static Map<String, Object> duration() {
        return pattern("^[0-9]+\\s*(" + caseless("ms") + "|[sSmMhHdD])$");
    }

    /**
     * @return a size within bounds: JSON Schema can bound the plain number of bytes, not the form with
     *     a unit, which the daemon checks when it reads it
     */
    public static Map<String, Object> size(long min, long max) {
        List<String> units = new ArrayList<>();
        for (String u : List.of("b", "k", "kb", "kib", "m", "mb", "mib", "g", "gb", "gib")) {
            units.add(caseless(u));
        }
        return anyOf(integer(min, max), pattern("^[0-9]+\\s*(" + String.join("|", units) + ")?$"));
    }

    /** @return a size: bytes, or a whole number and a unit, any case */
    public static Map<String, Object> size() {
        return size(0, Long.MAX_VALUE);
    }

    /** @return true or false, also written yes/no/on/off in any case */
    public static Map<String, Object> flag() {
        List<String> words = new ArrayList<>();
        for (String w : List.of("true", "yes", "on", "false", "no", "off")) {
            words.add(caseless(w));
        }
        return anyOf(object("type", "boolean"), pattern("^(" + String.join("|", words) + ")$"));
    }

    /** @return any scalar, taken as text */
    public static Map<String, Object> text() {
        return object("type", List.of("string", "number", "boolean"));
    }

    /** @return one of the words, any case */
    public static Map<String, Object> choice(List<String> words) {
        List<String> spelled = new ArrayList<>();
        for (String w : words) {
            spelled.add(caseless(w));
        }
        return pattern("^\\s*(" + String.join("|", spelled) + ")\\s*$");
    }

    /** @return a list of scalars, or a single scalar as a list of one */
    public static Map<String, Object> list() {
        return anyOf(text(), object("type", "array", "items", text()));
    }

    /** @return the first schema that matches any of these */
    public static Map<String, Object> anyOf(Map<?, ?>... schemas) {
        return object("anyOf", List.of(schemas));
    }

    /**
     * @param keysAndValues alternating keys and values
     * @return a JSON object that keeps its keys in this order, so the printed schema is the same on every run
     */
    public static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }

    /** @return a string matching the ECMA-262 pattern */
    public static Map<String, Object> pattern(String regex) {
        return object("type", "string", "pattern", regex);
    }

    /** ECMA-262 patterns have no case-insensitive flag: spell each letter both ways. */
    private static String caseless(String word) {
        StringBuilder b = new StringBuilder();
        for (char c : word.toCharArray()) {
            b.append(Character.isLetter(c) ? "[" + Character.toLowerCase(c) + Character.toUpperCase(c) + "]" : c);
        }
        return b.toString();
    }
}
