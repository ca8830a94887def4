package dev.switchboard.plugins.chat.room;

import dev.switchboard.plugins.chat.session.Outbox;
import java.util.function.Function;

/**
 * Something that happened in the chat, told to every client it concerns. Each kind of {@link Front}
 * renders it once and caches the bytes here, so a line to 500 IRC users is formatted once, not 500
 * times. Made and rendered under {@link Chat}'s lock, which also guards the cache.
 */
public final class Event {

    /** What happened. */
    public enum Kind {
        /** {@code from} joined room {@code target}. */
        JOIN,
        /** {@code from} left room {@code target}, {@code text} saying why (may be empty). */
        PART,
        /** {@code from} left room {@code target} for room {@code text} (a telnet user's /join). */
        MOVE,
        /** {@code from} left the chat; {@code text} says why. */
        QUIT,
        /** {@code from} (the old nick and mask) is now called {@code target}. */
        NICK,
        /** {@code from} said {@code text} to {@code target}, a room or a nick. */
        MESSAGE,
        /** {@code from} did {@code text} (CTCP ACTION, /me) in {@code target}, a room or a nick. */
        ACTION,
        /** {@code from} sent notice {@code text} to {@code target}, a room or a nick. */
        NOTICE,
        /** {@code from} set the topic of room {@code target} to {@code text}. */
        TOPIC,
        /** {@code from} is now away with message {@code text}, or back if it is empty. */
        AWAY
    }

    /** Slots for the renderings that do not depend on the receiver. */
    public enum Style { TELNET, IRC, IRC_TAGGED }

    private final Kind kind;
    private final Client from;
    private final String nick;
    private final String mask;
    private final String target;
    private final boolean toRoom;
    private final String text;
    private final long at;
    private final Outbox.Line[] rendered = new Outbox.Line[Style.values().length];

    Event(Kind kind, Client from, String target, boolean toRoom, String text, long at) {
        this.kind = kind;
        this.from = from;
        this.nick = from.nick();
        this.mask = from.mask();
        this.target = target;
        this.toRoom = toRoom;
        this.text = text;
        this.at = at;
    }

    public Kind kind() {
        return kind;
    }

    /** @return the client it came from */
    public Client from() {
        return from;
    }

    /** @return the sender's nick when it happened */
    public String nick() {
        return nick;
    }

    /** @return the sender's nick!user@host when it happened */
    public String mask() {
        return mask;
    }

    /** @return a room name, a nick (for private messages, or the new nick of {@link Kind#NICK}), or empty */
    public String target() {
        return target;
    }

    /** @return true when {@link #target} is a room */
    public boolean toRoom() {
        return toRoom;
    }

    public String text() {
        return text;
    }

    /** @return when it happened, in epoch milliseconds */
    public long at() {
        return at;
    }

    /** @return the rendering in {@code style}, made by {@code render} the first time it is asked for */
    public Outbox.Line rendered(Style style, Function<Event, Outbox.Line> render) {
        Outbox.Line line = rendered[style.ordinal()];
        if (line == null) {
            line = render.apply(this);
            rendered[style.ordinal()] = line;
        }
        return line;
    }
}
