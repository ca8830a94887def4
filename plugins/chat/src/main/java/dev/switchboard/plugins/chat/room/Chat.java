package dev.switchboard.plugins.chat.room;

import dev.switchboard.plugins.chat.session.Outbox;
import dev.switchboard.plugins.chat.text.Names;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The state one chat service shares between its clients, telnet and IRC alike: who is connected, who
 * holds which nickname, which rooms exist and who is in them, and what has been relayed.
 *
 * <p>One lock guards it all. Under it nothing blocks: delivering a line only offers it to each
 * member's bounded {@link Outbox}, so a slow client can never hold up a room. Because a room's lines
 * are queued under that lock, every member sees them in the same order. What happened is told as an
 * {@link Event}; each receiver's {@link Front} decides how it looks.
 */
public final class Chat {

    /** How long a client cut off for being slow gets to take its notice before its socket is closed. */
    public static final Duration SLOW_GRACE = Duration.ofSeconds(1);
    /** How long a client gets at shutdown to take its backlog and the notice. */
    static final Duration DRAIN_GRACE = Duration.ofSeconds(10);
    /**
     * A socket write blocked for longer than this means the client has stopped reading: senders stop
     * waiting for it, and it is cut off when its queue fills. A client that reads slowly (a busy
     * machine, a slow link) still finishes a write now and then, and its senders wait for it; at 10 ms
     * a loaded two-core box lost fan-out receivers that were reading all along.
     */
    /** The longest topic kept (IRC's TOPICLEN), in characters. */
    public static final int TOPIC_LENGTH = 390;

    /** Why a nickname was refused. */
    public enum NickProblem { INVALID, RESERVED, TAKEN, GONE }

    /** What became of a request to join a room. */
    public enum Joined { JOINED, ALREADY, INVALID, TOO_MANY, GONE }

    /** What became of a message, a part or a topic. */
    public enum Delivery { SENT, NO_SUCH_ROOM, NOT_IN_ROOM, NO_SUCH_NICK }

    /**
     * A room as it was at one moment.
     *
     * @param members the members in order of arrival
     */
    public record RoomView(String name, String topic, String topicBy, long topicAt, long createdAt,
            List<Client> members) {
    }

    private final String defaultRoom;
    private final int maxRooms;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Client> connected = new HashSet<>();
    private final Map<String, Client> nicks = new HashMap<>();
    private final Map<String, Room> rooms = new TreeMap<>();
    private final AtomicLong relayed = new AtomicLong();
    private final AtomicLong cutSlow = new AtomicLong();
    private final AtomicLong cutFlooding = new AtomicLong();
    private boolean draining;

    /**
     * @param defaultRoom the room telnet users start in; it always exists
     * @param maxRooms how many rooms one client may be in at once
     */
    public Chat(String defaultRoom, int maxRooms, Clock clock) {
        this.defaultRoom = defaultRoom;
        this.maxRooms = maxRooms;
        this.clock = clock;
        // The default room always exists, so /rooms and LIST show where newcomers land even when it is empty.
        rooms.put(Names.key(defaultRoom), new Room(defaultRoom, clock.millis() / 1000));
    }

    /** @return the room telnet users start in */
    public String defaultRoom() {
        return defaultRoom;
    }

    /** @return false if the service is shutting down and the client should be sent away */
    public boolean connect(Client client) {
        lock.lock();
        try {
            if (draining) {
                return false;
            }
            connected.add(client);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Gives a new client its first nickname. @return why it was refused, or empty if it is the client's */
    public Optional<NickProblem> register(Client client, String nick) {
        lock.lock();
        try {
            if (!connected.contains(client)) {
                return Optional.of(NickProblem.GONE); // cut off meanwhile: its connection is closing
            }
            Optional<NickProblem> problem = nickProblem(client, nick);
            if (problem.isEmpty()) {
                nicks.put(Names.key(nick), client);
                client.nick(nick);
            }
            return problem;
        } finally {
            lock.unlock();
        }
    }

    /** Changes a registered client's nickname, telling everyone who shares a room with it and the client. */
    public Optional<NickProblem> rename(Client client, String nick) {
        lock.lock();
        try {
            if (!connected.contains(client)) {
                return Optional.of(NickProblem.GONE);
            }
            Optional<NickProblem> problem = nickProblem(client, nick);
            if (problem.isEmpty() && !nick.equals(client.nick())) {
                Event event = event(Event.Kind.NICK, client, nick, false, "");
                nicks.remove(Names.key(client.nick()));
                nicks.put(Names.key(nick), client);
                client.nick(nick);
                Set<Client> told = neighbours(client);
                told.add(client);
                deliver(told, event);
            }
            return problem;
        } finally {
            lock.unlock();
        }
    }

    private Optional<NickProblem> nickProblem(Client client, String nick) {
        if (!Names.validNick(nick)) {
            return Optional.of(NickProblem.INVALID);
        }
        if (Names.key(nick).equals("server")) {
            return Optional.of(NickProblem.RESERVED);
        }
        Client holder = nicks.get(Names.key(nick));
        if (holder != null && holder != client) {
            return Optional.of(NickProblem.TAKEN);
        }
        return Optional.empty();
    }

    /** Puts a registered client in a room, made on demand; the room (the client too) is told. */
    public Joined join(Client client, String name) {
        lock.lock();
        try {
            if (!connected.contains(client) || client.nick() == null) {
                return Joined.GONE;
            }
            if (!Names.validRoom(name)) {
                return Joined.INVALID;
            }
            Room existing = rooms.get(Names.key(name));
            if (existing != null && client.rooms().contains(existing)) {
                return Joined.ALREADY;
            }
            if (client.rooms().size() >= maxRooms) {
                return Joined.TOO_MANY;
            }
            enter(client, name);
            return Joined.JOINED;
        } finally {
            lock.unlock();
        }
    }

    /** A telnet user's /join: leaves its room for another, telling both. */
    public Joined move(Client client, String name) {
        lock.lock();
        try {
            Room from = client.room();
            if (!connected.contains(client) || from == null) {
                return Joined.GONE;
            }
            if (!Names.validRoom(name)) {
                return Joined.INVALID;
            }
            if (Names.key(name).equals(Names.key(from.name()))) {
                return Joined.ALREADY;
            }
            leave(client, from, event(Event.Kind.MOVE, client, from.name(), true, name));
            enter(client, name);
            return Joined.JOINED;
        } finally {
            lock.unlock();
        }
    }

    /** Takes a client out of a room, telling the room (the client too). */
    public Delivery part(Client client, String name, String reason) {
        return inRoom(client, name, room -> {
            Event event = event(Event.Kind.PART, client, room.name(), true, reason);
            deliver(List.of(client), event);
            leave(client, room, event);
        });
    }

    /** @return the client's rooms' names, for IRC's {@code JOIN 0} and WHOIS */
    public List<String> roomsOf(Client client) {
        lock.lock();
        try {
            return client.roomNames();
        } finally {
            lock.unlock();
        }
    }

    /** Says something to a room the client is in. */
    public Delivery say(Client client, Event.Kind kind, String name, String text) {
        return inRoom(client, name, room -> {
            relayed.incrementAndGet();
            client.active(clock.millis());
            deliver(room.members(), event(kind, client, room.name(), true, text));
        });
    }

    /** Says something to the client's only room: a telnet user's line or /me. */
    public void sayHere(Client client, Event.Kind kind, String text) {
        lock.lock();
        try {
            Room room = client.room();
            if (room != null) {
                say(client, kind, room.name(), text);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends a private message; the sender is given the event too (its front decides whether to show it).
     *
     * @return the receiver, or empty when there is no such nickname
     */
    public Optional<Client> tell(Client from, Event.Kind kind, String nick, String text) {
        lock.lock();
        try {
            Client to = nicks.get(Names.key(nick));
            if (to == null) {
                return Optional.empty();
            }
            relayed.incrementAndGet();
            from.active(clock.millis());
            Event event = event(kind, from, to.nick(), false, text);
            deliver(to == from ? List.of(to) : List.of(to, from), event);
            return Optional.of(to);
        } finally {
            lock.unlock();
        }
    }

    /** Sets a room's topic (any member may), telling the room. */
    public Delivery topic(Client client, String name, String text) {
        return inRoom(client, name, room -> {
            String topic = text.length() > TOPIC_LENGTH ? text.substring(0, TOPIC_LENGTH) : text;
            room.topic(topic, client.mask(), clock.millis() / 1000);
            deliver(room.members(), event(Event.Kind.TOPIC, client, room.name(), true, topic));
        });
    }

    /**
     * Does {@code action} under the lock to the named room, if it exists and the client is in it (IRC's
     * channel mode +n: nothing from outside).
     */
    private Delivery inRoom(Client client, String name, Consumer<Room> action) {
        lock.lock();
        try {
            Room room = rooms.get(Names.key(name));
            if (room == null) {
                return Delivery.NO_SUCH_ROOM;
            }
            if (!client.rooms().contains(room)) {
                return Delivery.NOT_IN_ROOM;
            }
            action.accept(room);
            return Delivery.SENT;
        } finally {
            lock.unlock();
        }
    }

    /** Marks the client away ({@code message} not empty) or back, telling those of its rooms who asked. */
    public void away(Client client, String message) {
        lock.lock();
        try {
            client.away(message);
            deliver(neighbours(client), event(Event.Kind.AWAY, client, "", false, message));
        } finally {
            lock.unlock();
        }
    }

    /** @return the room as it is now, or empty if there is none of that name */
    public Optional<RoomView> room(String name) {
        lock.lock();
        try {
            Room room = rooms.get(Names.key(name));
            return room == null ? Optional.empty() : Optional.of(view(room));
        } finally {
            lock.unlock();
        }
    }

    /** @return every room as it is now, by name */
    public List<RoomView> rooms() {
        lock.lock();
        try {
            List<RoomView> views = new ArrayList<>(rooms.size());
            rooms.values().forEach(r -> views.add(view(r)));
            return views;
        } finally {
            lock.unlock();
        }
    }

    /** @return the client's only room, as it is now: a telnet user's room */
    public Optional<RoomView> roomOf(Client client) {
        lock.lock();
        try {
            Room room = client.room();
            return room == null ? Optional.empty() : Optional.of(view(room));
        } finally {
            lock.unlock();
        }
    }

    private static RoomView view(Room room) {
        return new RoomView(room.name(), room.topic(), room.topicBy(), room.topicAt(), room.createdAt(),
                List.copyOf(room.members()));
    }

    /** @return the client holding {@code nick}, if any */
    public Optional<Client> find(String nick) {
        lock.lock();
        try {
            return Optional.ofNullable(nicks.get(Names.key(nick)));
        } finally {
            lock.unlock();
        }
    }

    /**
     * @return the outboxes of the client's rooms that are over half full while their writers are not
     *     stuck on their sockets: receivers that keep up but are falling behind, for a sender to pace
     *     itself on
     */
    public List<Outbox> busy(Client client) {
        lock.lock();
        try {
            List<Outbox> busy = new ArrayList<>(0);
            for (Room room : client.rooms()) {
                for (Client member : room.members()) {
                    Outbox outbox = member.outbox();
                    if (outbox.backlog() > outbox.capacity() / 2 && !outbox.stalled(Outbox.STALLED_NANOS)) {
                        busy.add(outbox);
                    }
                }
            }
            return busy;
        } finally {
            lock.unlock();
        }
    }

    /** Queues a line for one client; cuts the client off if its outbox is full. */
    public void deliver(Client client, Outbox.Line line) {
        if (!client.outbox().offer(line)) {
            cutOffSlow(client);
        }
    }

    /** Sends a server notice, given as telnet text, to one client. */
    public void notice(Client client, String text) {
        deliver(client, client.front().notice(text));
    }

    /**
     * Forgets a client that has gone, for whatever reason; its rooms are told unless the service is
     * shutting down. Safe to call more than once.
     */
    public void remove(Client client, String reason) {
        lock.lock();
        try {
            if (!connected.remove(client) && client.rooms().isEmpty()) {
                return;
            }
            if (client.nick() != null && nicks.get(Names.key(client.nick())) == client) {
                nicks.remove(Names.key(client.nick()));
            }
            if (!client.rooms().isEmpty()) {
                Event quit = event(Event.Kind.QUIT, client, "", false, reason);
                if (!draining) {
                    deliver(neighbours(client), quit);
                }
                for (Room room : List.copyOf(client.rooms())) {
                    leave(client, room, null);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Cuts off a client that floods, telling it why; its rooms are told it left. */
    public void cutOffFlooding(Client client) {
        cutFlooding.incrementAndGet();
        // Out of its rooms first: by the time the client sees its connection close, nobody lists it.
        remove(client, "flooding");
        client.outbox().cutOff(client.front().closing("* disconnected: flooding"), false, SLOW_GRACE);
    }

    private void cutOffSlow(Client client) {
        cutSlow.incrementAndGet();
        remove(client, "too slow");
        client.outbox().cutOff(client.front().closing("* disconnected: you are not reading fast enough"),
                true, SLOW_GRACE);
    }

    /** The service is shutting down: every client gets what is queued for it, then {@code notice}, then is closed. */
    public void drain(String notice) {
        lock.lock();
        try {
            draining = true;
            connected.forEach(c -> c.outbox().cutOff(c.front().closing(notice), false, DRAIN_GRACE));
        } finally {
            lock.unlock();
        }
    }

    /** @return rooms, member counts and counters, as plain values for the daemon's status */
    public Map<String, Object> snapshot() {
        lock.lock();
        try {
            List<Map<String, Object>> roomList = new ArrayList<>();
            rooms.values().forEach(r -> roomList.add(Map.of("name", r.name(), "members", r.members().size())));
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("clients", connected.size());
            status.put("users", nicks.size());
            status.put("rooms", roomList);
            status.put("messages-relayed", relayed.get());
            status.put("cut-off-slow", cutSlow.get());
            status.put("cut-off-flooding", cutFlooding.get());
            return status;
        } finally {
            lock.unlock();
        }
    }

    private Event event(Event.Kind kind, Client from, String target, boolean toRoom, String text) {
        return new Event(kind, from, target, toRoom, text, clock.millis());
    }

    /** @return everyone who shares a room with the client, each once, without the client */
    private Set<Client> neighbours(Client client) {
        Set<Client> neighbours = new LinkedHashSet<>();
        client.rooms().forEach(r -> neighbours.addAll(r.members()));
        neighbours.remove(client);
        return neighbours;
    }

    private void enter(Client client, String name) {
        Room room = rooms.computeIfAbsent(Names.key(name), k -> new Room(name, clock.millis() / 1000));
        room.members().add(client);
        client.rooms().add(room);
        deliver(room.members(), event(Event.Kind.JOIN, client, room.name(), true, ""));
        if (!client.away().isEmpty()) {
            // Those who asked for away-notify learn at once that the newcomer is away.
            deliver(room.members(), event(Event.Kind.AWAY, client, "", false, client.away()));
        }
    }

    /** Takes the client out of the room, telling the rest of it {@code notice} (if not null). */
    private void leave(Client client, Room room, Event notice) {
        room.members().remove(client);
        client.rooms().remove(room);
        if (room.members().isEmpty() && !Names.key(room.name()).equals(Names.key(defaultRoom))) {
            rooms.remove(Names.key(room.name()));
        } else if (notice != null && !draining) {
            deliver(room.members(), notice);
        }
    }

    /** Offers an event to each receiver; receivers that cannot take it are cut off afterwards. */
    private void deliver(Collection<Client> receivers, Event event) {
        List<Client> slow = null;
        for (Client receiver : receivers) {
            Outbox.Line line = receiver.front().render(event);
            if (line != null && !receiver.outbox().offer(line)) {
                if (slow == null) {
                    slow = new ArrayList<>(1);
                }
                slow.add(receiver);
            }
        }
        if (slow != null) {
            slow.forEach(this::cutOffSlow);
        }
    }
}
