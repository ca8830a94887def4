package dev.switchboard.plugins.chat.irc;

import dev.switchboard.plugins.chat.text.Sanitizer;
import java.util.Locale;

/**
 * A message's text, split into a CTCP request ({@code \u0001COMMAND argument\u0001}) when it is one,
 * and made safe for other users' terminals: escape sequences and control characters go, IRC formatting
 * codes stay (telnet receivers have them removed as they are shown).
 *
 * @param command the CTCP command, upper case, or empty for plain text
 * @param text the argument of a CTCP request, or the whole text
 */
record Ctcp(String command, String text) {

    static Ctcp parse(String raw) {
        if (!raw.startsWith("\u0001")) {
            return new Ctcp("", Sanitizer.cleanKeepingFormatting(raw));
        }
        String body = raw.substring(1, raw.endsWith("\u0001") && raw.length() > 1 ? raw.length() - 1 : raw.length());
        int space = body.indexOf(' ');
        String command = Sanitizer.clean(space < 0 ? body : body.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : Sanitizer.cleanKeepingFormatting(body.substring(space + 1));
        return new Ctcp(command.isEmpty() ? "?" : command, argument);
    }

    boolean isCtcp() {
        return !command.isEmpty();
    }

    boolean isAction() {
        return command.equals("ACTION");
    }

    /** @return the request as it goes on to an IRC client */
    String wire() {
        return "\u0001" + command + (text.isEmpty() ? "" : " " + text) + "\u0001";
    }
}
