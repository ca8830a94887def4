package dev.switchboard.plugins.chat.text;

/**
 * IRC's text formatting codes, as IRC clients send and draw them: bold (0x02), colour (0x03, then up
 * to two digits, optionally a comma and up to two more), hex colour (0x04, six hex digits, optionally a
 * comma and six more), reset (0x0F), monospace (0x11), reverse (0x16), italics (0x1D), strikethrough
 * (0x1E) and underline (0x1F). A terminal would show them as garbage, so telnet users get the text
 * without them.
 */
public final class Formatting {

    private Formatting() {
    }

    /** @return true for a character that starts an IRC formatting code */
    static boolean isCode(int c) {
        return c == 0x02 || c == 0x03 || c == 0x04 || c == 0x0f || c == 0x11 || c == 0x16
                || c == 0x1d || c == 0x1e || c == 0x1f;
    }

    /** @return {@code text} without formatting codes and the colour numbers that belong to them */
    public static String strip(String text) {
        int first = 0;
        while (first < text.length() && !isCode(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text; // the usual case: nothing to copy
        }
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first; i < text.length(); ) {
            char c = text.charAt(i++);
            if (c == 0x03) {
                i = skipColours(text, i, 2, false);
            } else if (c == 0x04) {
                i = skipColours(text, i, 6, true);
            } else if (!isCode(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Skips "FG[,BG]" after a colour code; a comma not followed by a colour is text. */
    private static int skipColours(String text, int i, int width, boolean hex) {
        int end = skipDigits(text, i, width, hex);
        if (end > i && end + 1 < text.length() && text.charAt(end) == ',') {
            int background = skipDigits(text, end + 1, width, hex);
            if (background > end + 1) {
                return background;
            }
        }
        return end;
    }

    private static int skipDigits(String text, int i, int width, boolean hex) {
        int end = i;
        while (end < text.length() && end - i < width && digit(text.charAt(end), hex)) {
            end++;
        }
        if (hex && end - i != width) {
            return i; // a hex colour is exactly six digits, or none
        }
        return end;
    }

    private static boolean digit(char c, boolean hex) {
        return c >= '0' && c <= '9' || hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F');
    }
}
