package dev.switchboard.plugins.chat.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One message from an IRC client, parsed as RFC 1459 2.3.1 writes it: optional IRCv3 tags
 * ({@code @...}), an optional prefix (ignored: a client's prefix is its own nick), a command upper-cased,
 * and up to 15 parameters, the last of which may follow a colon and contain spaces.
 *
 * @param command the command, upper case; empty for a blank line
 * @param params the parameters, the trailing one included
 */
record IrcMessage(String command, List<String> params) {

    private static final int MAX_PARAMS = 15;

    static IrcMessage parse(String line) {
        int i = 0;
        int n = line.length();
        if (line.startsWith("@")) {
            i = skipWord(line, i);
        }
        i = skipSpaces(line, i);
        if (i < n && line.charAt(i) == ':') {
            i = skipSpaces(line, skipWord(line, i));
        }
        int end = skipWord(line, i);
        String command = line.substring(i, end).toUpperCase(Locale.ROOT);
        List<String> params = new ArrayList<>(4);
        i = skipSpaces(line, end);
        while (i < n) {
            if (line.charAt(i) == ':' || params.size() == MAX_PARAMS - 1) {
                params.add(line.substring(line.charAt(i) == ':' ? i + 1 : i));
                break;
            }
            end = skipWord(line, i);
            params.add(line.substring(i, end));
            i = skipSpaces(line, end);
        }
        return new IrcMessage(command, params);
    }

    /** @return parameter {@code index}, or empty if there are not that many */
    String param(int index) {
        return index < params.size() ? params.get(index) : "";
    }

    private static int skipWord(String line, int i) {
        while (i < line.length() && line.charAt(i) != ' ') {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String line, int i) {
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
