package dev.switchboard.plugins.chat.room;

import dev.switchboard.plugins.chat.session.Outbox;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One connected client as the rest of the chat sees it: a nickname (once chosen), its rooms, how it is
 * shown things (its {@link Front}) and the outbox its lines go to. Nickname, rooms and away message
 * change only under {@link Chat}'s lock; the volatile ones may be read without it.
 */
public final class Client {

    private final Outbox outbox;
    private final String host;
    private final long connectedAt;
    private final Set<Room> rooms = new LinkedHashSet<>();
    private volatile Front front;
    private volatile String nick;
    private volatile String user = "telnet";
    private volatile String realName = "telnet user";
    private volatile String away = "";
    private volatile long activeAt;

    /**
     * @param host the client's address as shown to others
     * @param connectedAt when it connected, in epoch milliseconds
     */
    public Client(Outbox outbox, String host, long connectedAt, Front front) {
        this.outbox = outbox;
        // A host starting with ':' (an IPv6 address such as ::1) would end an IRC message's middle part.
        this.host = host.startsWith(":") ? "0" + host : host;
        this.connectedAt = connectedAt;
        this.activeAt = connectedAt;
        this.front = front;
    }

    public Outbox outbox() {
        return outbox;
    }

    public Front front() {
        return front;
    }

    /** Changes how the client is shown things: only before it has a nickname (a late-recognised IRC client). */
    public void front(Front front) {
        this.front = front;
    }

    /** @return the nickname, or null before one is chosen */
    public String nick() {
        return nick;
    }

    void nick(String nick) {
        this.nick = nick;
    }

    /** @return the user name given by an IRC client's USER, or {@code telnet} */
    public String user() {
        return user;
    }

    /** @return the real name given by an IRC client's USER */
    public String realName() {
        return realName;
    }

    /** Sets what USER gave; only before registration. */
    public void identity(String user, String realName) {
        this.user = user;
        this.realName = realName;
    }

    public String host() {
        return host;
    }

    /** @return nick!user@host, as IRC shows who a message is from */
    public String mask() {
        return nick + "!" + user + "@" + host;
    }

    /** @return the away message, empty when not away */
    public String away() {
        return away;
    }

    void away(String message) {
        this.away = message;
    }

    /** @return when it connected, in epoch milliseconds */
    public long connectedAt() {
        return connectedAt;
    }

    /** @return when it last said something, in epoch milliseconds */
    public long activeAt() {
        return activeAt;
    }

    void active(long at) {
        this.activeAt = at;
    }

    /** Guarded by {@link Chat}'s lock. */
    Set<Room> rooms() {
        return rooms;
    }

    /** @return the first room the client is in, or null: a telnet user's only room */
    Room room() {
        return rooms.isEmpty() ? null : rooms.iterator().next();
    }

    /** @return the name of the client's first room, or empty; call under {@link Chat}'s lock (a front does) */
    public String homeRoom() {
        Room room = room();
        return room == null ? "" : room.name();
    }

    /** @return the names of the client's rooms; call under {@link Chat}'s lock */
    List<String> roomNames() {
        List<String> names = new ArrayList<>(rooms.size());
        rooms.forEach(r -> names.add(r.name()));
        return names;
    }

    @Override
    public String toString() {
        return nick == null ? host : nick + "@" + host;
    }
}
