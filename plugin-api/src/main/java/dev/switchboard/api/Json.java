package dev.switchboard.api;

import java.util.Arrays;
import java.util.Map;

/**
 * The project's one JSON writer (RFC 8259), for the plain values status sources and reports are made
 * of: maps, iterables and object arrays, strings, numbers, booleans and {@code null}. The same rules
 * hold everywhere:
 * <ul>
 * <li>a non-finite number ({@code NaN}, infinities) is written as {@code null}, which JSON has no other
 *     way to say;</li>
 * <li>any other type is written as its {@code toString()}, quoted;</li>
 * <li>{@code <}, U+2028 and U+2029 are escaped too, so the text can sit inside a {@code <script>};</li>
 * <li>nesting deeper than 32 levels (a map that holds itself) is cut off as {@code null}.</li>
 * </ul>
 * It lives in the API because plugins share no other code: every plugin and the daemon use this one.
 *
 * <pre>{@code
 * String text = Json.write(Map.of("load", 0.5, "up", true)); // {"load":0.5,"up":true}
 * }</pre>
 *
 * @since 0.2.0
 */
public final class Json {

    private static final int MAX_DEPTH = 32;

    private Json() {
    }

    /**
     * @param value a plain value, as above
     * @return its JSON text, on one line
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(1024);
        write(out, value, 0, false);
        return out.toString();
    }

    /**
     * @param value a plain value, as above
     * @return its JSON text with one member or item per line, indented by two spaces a level: for files
     *     people read and diff
     */
    public static String writeIndented(Object value) {
        StringBuilder out = new StringBuilder(1024);
        write(out, value, 0, true);
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, Object value, int depth, boolean indented) {
        if (value == null || depth > MAX_DEPTH) {
            out.append("null");
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            out.append(Double.isFinite(d) ? value.toString() : "null");
        } else if (value instanceof Number) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                newLine(out, depth + 1, indented);
                string(out, String.valueOf(entry.getKey()));
                out.append(indented ? ": " : ":");
                write(out, entry.getValue(), depth + 1, indented);
            }
            if (!first) {
                newLine(out, depth, indented);
            }
            out.append('}');
        } else if (value instanceof Iterable<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                newLine(out, depth + 1, indented);
                write(out, item, depth + 1, indented);
            }
            if (!first) {
                newLine(out, depth, indented);
            }
            out.append(']');
        } else if (value instanceof Object[] array) {
            write(out, Arrays.asList(array), depth, indented);
        } else {
            string(out, value.toString());
        }
    }

    private static void newLine(StringBuilder out, int depth, boolean indented) {
        if (indented) {
            out.append('\n').append("  ".repeat(Math.min(depth, MAX_DEPTH + 1)));
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F || c == '<' || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
