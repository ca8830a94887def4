package dev.switchboard.plugins.chat.telnet;

import dev.switchboard.plugins.chat.room.Client;
import dev.switchboard.plugins.chat.room.Event;
import dev.switchboard.plugins.chat.room.Front;
import dev.switchboard.plugins.chat.session.Outbox;
import dev.switchboard.plugins.chat.text.Formatting;
import java.time.Clock;

/**
 * How a telnet or nc user is shown what happens: one plain line per event ({@code <nick> text},
 * {@code * nick joined lobby}), with IRC users' formatting codes removed.
 */
public final class TelnetFront implements Front {

    private final Clock clock;
    private Client client;

    public TelnetFront(Clock clock) {
        this.clock = clock;
    }

    /** Ties the front to its client (made after the front, with it). */
    public void client(Client client) {
        this.client = client;
    }

    @Override
    public Outbox.Line render(Event e) {
        switch (e.kind()) {
            case QUIT:
                return line(e, "* " + e.nick() + " left " + client.homeRoom() + " (" + e.text() + ")");
            case AWAY:
                return null; // telnet users are not told who is away
            case MESSAGE:
            case ACTION:
            case NOTICE:
                if (e.text().startsWith("\u0001")) {
                    return null; // a CTCP request between IRC clients: nothing a person reads
                }
                if (!e.toRoom()) {
                    return line(e, privately(e));
                }
                break;
            default:
                break;
        }
        return e.rendered(Event.Style.TELNET, this::shared);
    }

    /** The rendering every telnet receiver shares. */
    private Outbox.Line shared(Event e) {
        String text = Formatting.strip(e.text());
        switch (e.kind()) {
            case JOIN:
                return line(e, "* " + e.nick() + " joined " + e.target());
            case PART:
                return line(e, "* " + e.nick() + " left " + e.target() + (text.isEmpty() ? "" : " (" + text + ")"));
            case MOVE:
                return line(e, "* " + e.nick() + " left " + e.target() + " for " + text);
            case NICK:
                return line(e, "* " + e.nick() + " is now known as " + e.target());
            case ACTION:
                return line(e, "* " + e.nick() + " " + text);
            case NOTICE:
                return line(e, "-" + e.nick() + "- " + text);
            case TOPIC:
                return line(e, text.isEmpty() ? "* " + e.nick() + " cleared the topic of " + e.target()
                        : "* " + e.nick() + " set the topic of " + e.target() + ": " + text);
            default:
                return line(e, "<" + e.nick() + "> " + text);
        }
    }

    private String privately(Event e) {
        String text = Formatting.strip(e.text());
        String body = e.kind() == Event.Kind.ACTION ? "* " + e.nick() + " " + text : text;
        String mark = e.kind() == Event.Kind.NOTICE ? "-" : "*";
        if (e.from() == client) {
            return "-> " + mark + e.target() + mark + " " + body;
        }
        return mark + e.nick() + mark + " " + body;
    }

    private static Outbox.Line line(Event e, String text) {
        return Outbox.Line.text(e.at(), text);
    }

    @Override
    public Outbox.Line notice(String text) {
        return Outbox.Line.text(clock.millis(), text);
    }

    @Override
    public Outbox.Line closing(String text) {
        return notice(text);
    }
}
