package dev.switchboard.plugins.chat;

import dev.switchboard.api.Connection;
import dev.switchboard.plugins.chat.session.ChatConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Tells an IRC client from a telnet or nc user on the same port. An IRC client speaks first, at once:
 * its first line is {@code CAP}, {@code NICK}, {@code PASS} or {@code USER} with an argument. A person
 * says nothing until prompted. So: whatever arrives within {@link #WAIT} is looked at (the first word
 * only; the bytes are handed on unread), and silence means telnet, whose user then gets the motd and
 * the prompt. An IRC client slower than that (a long round trip) answers the prompt with its
 * registration line, which no nickname can be since nicknames have no spaces: it is handed over then.
 * The one corner case: a person whose very first line is, say, {@code nick bob} is taken for an IRC
 * client. {@code clients: telnet} turns recognition off.
 */
final class Recognizer {

    /** How long a silent client is waited for before it is taken for a person at a terminal. */
    static final Duration WAIT = Duration.ofMillis(300);
    private static final Set<String> IRC_FIRST = Set.of("CAP", "NICK", "PASS", "USER");
    private static final int IAC = 255;
    /** The longest first word looked at: "NICK" and its space. */
    private static final int PEEK = 5;

    /** Which front end a client gets. */
    enum Mode { TELNET, IRC }

    /**
     * @param in the client's input, with the bytes looked at still unread
     */
    record Result(Mode mode, InputStream in) {
    }

    private Recognizer() {
    }

    /** @return true for a line an IRC client sends first (CAP, NICK, PASS or USER with an argument) */
    static boolean ircFirstLine(String line) {
        int space = line.indexOf(' ');
        return space > 0 && space < line.length() - 1
                && IRC_FIRST.contains(line.substring(0, space).toUpperCase(Locale.ROOT));
    }

    static Result recognize(Connection connection, ChatConfig.Clients clients) throws IOException {
        if (clients == ChatConfig.Clients.TELNET) {
            return new Result(Mode.TELNET, connection.input());
        }
        if (clients == ChatConfig.Clients.IRC) {
            return new Result(Mode.IRC, connection.input());
        }
        PushbackInputStream in = new PushbackInputStream(connection.input(), PEEK);
        byte[] peeked = new byte[PEEK];
        int length = 0;
        connection.readTimeout(WAIT);
        try {
            while (length < PEEK) {
                int b = in.read();
                if (b == -1) {
                    break;
                }
                peeked[length++] = (byte) b;
                if (b == IAC || b == ' ' || b == '\r' || b == '\n') {
                    break; // telnet negotiation, or the end of the first word
                }
            }
        } catch (SocketTimeoutException e) {
            // silence, or a word typed slowly: a person
        } finally {
            connection.readTimeout(Duration.ZERO);
        }
        in.unread(peeked, 0, length);
        String word = new String(peeked, 0, length, StandardCharsets.ISO_8859_1);
        boolean irc = word.endsWith(" ") && IRC_FIRST.contains(word.strip().toUpperCase(Locale.ROOT));
        return new Result(irc ? Mode.IRC : Mode.TELNET, in);
    }
}
