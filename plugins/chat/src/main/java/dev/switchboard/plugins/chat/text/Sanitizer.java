package dev.switchboard.plugins.chat.text;

/**
 * Makes a user's text safe to show on other users' terminals: removes ANSI/VT escape sequences
 * (ECMA-48 CSI, OSC/DCS strings, two-character escapes), C0 and C1 control characters, DEL and the
 * bidirectional overrides that can disguise text; tabs become spaces. What is left can neither move a
 * cursor, retitle a window, recolour a screen nor fake a line of someone else's.
 *
 * <p>IRC's own formatting codes (bold, colour, ...; see {@link Formatting}) are C0 characters too: IRC
 * clients draw them themselves, so {@link #cleanKeepingFormatting} keeps them for IRC receivers, and
 * {@link Formatting#strip} removes them, with their colour numbers, for telnet receivers.
 */
public final class Sanitizer {

    private enum State { TEXT, ESCAPE, CSI, STRING, STRING_ESCAPE }

    private Sanitizer() {
    }

    /** @return {@code text} without control characters and escape sequences */
    public static String clean(String text) {
        return clean(text, false);
    }

    /** @return {@code text} without control characters and escape sequences, but with IRC formatting codes */
    public static String cleanKeepingFormatting(String text) {
        return clean(text, true);
    }

    private static String clean(String text, boolean keepFormatting) {
        StringBuilder out = new StringBuilder(text.length());
        State state = State.TEXT;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            switch (state) {
                case ESCAPE:
                    state = afterEscape(c);
                    break;
                case CSI:
                    // Parameters and intermediates run 0x20-0x3F; a final byte 0x40-0x7E ends the sequence.
                    if (c == 0x1b) {
                        state = State.ESCAPE; // an escape inside a sequence aborts it and starts another
                    } else if (c >= 0x40 && c <= 0x7e || c > 0x7f) {
                        state = State.TEXT;
                    }
                    break;
                case STRING:
                    if (c == 0x07 || c == 0x9c) {
                        state = State.TEXT;
                    } else if (c == 0x1b) {
                        state = State.STRING_ESCAPE;
                    }
                    break;
                case STRING_ESCAPE:
                    state = c == '\\' ? State.TEXT : State.STRING;
                    break;
                default:
                    state = text(c, out, keepFormatting);
                    break;
            }
        }
        return out.toString();
    }

    private static State text(int c, StringBuilder out, boolean keepFormatting) {
        if (c == 0x1b) {
            return State.ESCAPE;
        }
        if (c == 0x9b) {
            return State.CSI;
        }
        if (c == 0x90 || c == 0x98 || c == 0x9d || c == 0x9e || c == 0x9f) {
            return State.STRING; // C1 DCS, SOS, OSC, PM, APC: everything up to the string terminator goes
        }
        if (c == '\t') {
            out.append(' ');
        } else if (!invisible(c) || keepFormatting && Formatting.isCode(c)) {
            out.appendCodePoint(c);
        }
        return State.TEXT;
    }

    private static State afterEscape(int c) {
        switch (c) {
            case '[':
                return State.CSI;
            case ']':
            case 'P':
            case 'X':
            case '^':
            case '_':
                return State.STRING;
            default:
                // ESC + intermediates (0x20-0x2F) wait for their final character; anything else ends here.
                return c >= 0x20 && c <= 0x2f ? State.ESCAPE : State.TEXT;
        }
    }

    private static boolean invisible(int c) {
        return c < 0x20
                || c >= 0x7f && c <= 0x9f
                || c >= 0x202a && c <= 0x202e
                || c >= 0x2066 && c <= 0x2069;
    }
}
