package dev.switchboard.plugins.chat.irc;

import dev.switchboard.plugins.chat.room.Client;
import dev.switchboard.plugins.chat.room.Event;
import dev.switchboard.plugins.chat.room.Front;
import dev.switchboard.plugins.chat.session.Outbox;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How an IRC client is shown what happens: events as the messages RFC 2812 and IRCv3 define
 * ({@code :nick!user@host PRIVMSG #lobby :text}), with the capabilities the client asked for, and the
 * server's replies. Every line it makes fits in 512 bytes: a longer text is split over several messages.
 */
final class IrcFront implements Front {

    private static final DateTimeFormatter SERVER_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** RFC 1459: a message is at most 512 bytes with its CRLF. */
    private static final int MAX_LINE = 510;

    private final String server;
    private final Clock clock;
    private final Capabilities caps;
    private Client client;
    private volatile String provisional = "*";

    IrcFront(String server, Clock clock, Capabilities caps) {
        this.server = server;
        this.clock = clock;
        this.caps = caps;
    }

    void client(Client client) {
        this.client = client;
    }

    /** Before registration, replies name the nick the client asked for. */
    void provisional(String nick) {
        this.provisional = nick;
    }

    /** @return the client's nick, or the one it asked for, or {@code *} before it asked (as RFC 2812 replies do) */
    String target() {
        String nick = client.nick();
        return nick == null ? provisional : nick;
    }

    @Override
    public Outbox.Line render(Event e) {
        boolean own = e.from() == client;
        switch (e.kind()) {
            case MESSAGE:
            case ACTION:
            case NOTICE:
                if (own && !caps.has(Capabilities.ECHO_MESSAGE)) {
                    return null;
                }
                break;
            case AWAY:
                if (own || !caps.has(Capabilities.AWAY_NOTIFY)) {
                    return null;
                }
                break;
            default:
                break;
        }
        if (caps.has(Capabilities.SERVER_TIME)) {
            return e.rendered(Event.Style.IRC_TAGGED, ev -> message(ev, "@time=" + time(ev.at()) + " "));
        }
        return e.rendered(Event.Style.IRC, ev -> message(ev, ""));
    }

    private static Outbox.Line message(Event e, String tags) {
        String from = ":" + e.mask() + " ";
        String target = e.toRoom() ? "#" + e.target() : e.target();
        switch (e.kind()) {
            case JOIN:
                return line(e, tags, from + "JOIN " + target);
            case PART:
                return line(e, tags, from + "PART " + target + (e.text().isEmpty() ? "" : " :" + e.text()));
            case MOVE:
                return line(e, tags, from + "PART " + target + " :went to #" + e.text());
            case QUIT:
                return line(e, tags, from + "QUIT :" + e.text());
            case NICK:
                return line(e, tags, from + "NICK :" + e.target());
            case TOPIC:
                return line(e, tags, from + "TOPIC " + target + " :" + e.text());
            case AWAY:
                return line(e, tags, from + "AWAY" + (e.text().isEmpty() ? "" : " :" + e.text()));
            case NOTICE:
                return split(e, tags, from + "NOTICE " + target + " :", e.text(), "", "");
            case ACTION:
                return split(e, tags, from + "PRIVMSG " + target + " :", e.text(), "\u0001ACTION ", "\u0001");
            default:
                return split(e, tags, from + "PRIVMSG " + target + " :", e.text(), "", "");
        }
    }

    private static Outbox.Line line(Event e, String tags, String message) {
        return new Outbox.Line(e.at(), (tags + message + "\r\n").getBytes(StandardCharsets.UTF_8), false);
    }

    /** One message per piece of {@code text} that fits, each {@code head + open + piece + close}. */
    private static Outbox.Line split(Event e, String tags, String head, String text, String open, String close) {
        byte[] fixed = (head + open + close).getBytes(StandardCharsets.UTF_8);
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        int room = Math.max(16, MAX_LINE - fixed.length);
        if (body.length <= room) {
            return line(e, tags, head + open + text + close);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 2 * fixed.length);
        byte[] start = (tags + head + open).getBytes(StandardCharsets.UTF_8);
        byte[] end = (close + "\r\n").getBytes(StandardCharsets.UTF_8);
        for (int from = 0; from < body.length; ) {
            int to = Math.min(body.length, from + room);
            while (to < body.length && to > from + 1 && (body[to] & 0xC0) == 0x80) {
                to--; // never cut a UTF-8 character in two
            }
            out.writeBytes(start);
            out.write(body, from, to - from);
            out.writeBytes(end);
            from = to;
        }
        return new Outbox.Line(e.at(), out.toByteArray(), false);
    }

    private static String time(long millis) {
        return SERVER_TIME.format(Instant.ofEpochMilli(millis));
    }

    /** @return a numeric reply to this client: {@code :server NNN nick params... :last} */
    Outbox.Line numeric(String code, String... params) {
        StringBuilder line = new StringBuilder(64).append(':').append(server).append(' ').append(code)
                .append(' ').append(target());
        for (int i = 0; i < params.length; i++) {
            line.append(i == params.length - 1 ? " :" : " ").append(params[i]);
        }
        return fromServer(line.toString());
    }

    /** @return a message from the server, with the server-time tag if asked for */
    Outbox.Line fromServer(String message) {
        long now = clock.millis();
        String tags = caps.has(Capabilities.SERVER_TIME) ? "@time=" + time(now) + " " : "";
        return new Outbox.Line(now, (tags + message + "\r\n").getBytes(StandardCharsets.UTF_8), false);
    }

    @Override
    public Outbox.Line notice(String text) {
        return fromServer(":" + server + " NOTICE " + target() + " :" + text);
    }

    @Override
    public Outbox.Line closing(String text) {
        return fromServer("ERROR :" + (text.startsWith("* ") ? text.substring(2) : text));
    }
}
