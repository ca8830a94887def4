package dev.switchboard.plugins.chat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The state one chat service shares between its clients: who is connected, who holds which nickname,
 * which rooms exist and who is in them, and what has been relayed.
 *
 * <p>One lock guards it all. Under it nothing blocks: delivering a line only offers it to each
 * member's bounded {@link Outbox}, so a slow client can never hold up a room. Because a room's lines
 * are queued under that lock, every member sees them in the same order.
 */
final class Chat {

    /** How long a client cut off for being slow gets to take its notice before its socket is closed. */
    static final Duration SLOW_GRACE = Duration.ofSeconds(1);
    /** How long a client gets at shutdown to take its backlog and the notice. */
    static final Duration DRAIN_GRACE = Duration.ofSeconds(10);

    /** A socket write taking longer than this means the client has stopped reading. */
    static final long STALLED_NANOS = Duration.ofMillis(10).toNanos();

    private final String defaultRoom;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Client> connected = new HashSet<>();
    private final Map<String, Client> nicks = new HashMap<>();
    private final Map<String, Room> rooms = new TreeMap<>();
    private final AtomicLong relayed = new AtomicLong();
    private final AtomicLong cutSlow = new AtomicLong();
    private final AtomicLong cutFlooding = new AtomicLong();
    private boolean draining;

    Chat(String defaultRoom, Clock clock) {
        this.defaultRoom = defaultRoom;
        this.clock = clock;
        // The default room always exists, so /rooms shows where newcomers land even when it is empty.
        rooms.put(Names.key(defaultRoom), new Room(defaultRoom));
    }

    /** @return false if the service is shutting down and the client should be sent away */
    boolean connect(Client client) {
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

    /**
     * Gives a new client its first nickname and puts it in the default room.
     *
     * @return why the nickname was refused, or empty if it was taken
     */
    Optional<String> login(Client client, String nick) {
        lock.lock();
        try {
            if (!connected.contains(client)) {
                return Optional.of("* disconnected"); // cut off meanwhile: its connection is closing
            }
            Optional<String> problem = nickProblem(client, nick);
            if (problem.isEmpty()) {
                nicks.put(Names.key(nick), client);
                client.nick(nick);
                enter(client, defaultRoom);
            }
            return problem;
        } finally {
            lock.unlock();
        }
    }

    /** @return why the nickname was refused, or empty if it was changed */
    Optional<String> rename(Client client, String nick) {
        lock.lock();
        try {
            if (client.room() == null) {
                return Optional.empty(); // cut off meanwhile
            }
            Optional<String> problem = nickProblem(client, nick);
            if (problem.isEmpty()) {
                String old = client.nick();
                nicks.remove(Names.key(old));
                nicks.put(Names.key(nick), client);
                client.nick(nick);
                broadcast(client.room(), "* " + old + " is now known as " + nick);
            }
            return problem;
        } finally {
            lock.unlock();
        }
    }

    private Optional<String> nickProblem(Client client, String nick) {
        if (!Names.valid(nick)) {
            return Optional.of("* invalid nickname: use " + Names.RULE);
        }
        if (Names.key(nick).equals("server")) {
            return Optional.of("* nickname " + nick + " is reserved");
        }
        Client holder = nicks.get(Names.key(nick));
        if (holder != null && holder != client) {
            return Optional.of("* nickname " + nick + " is taken");
        }
        return Optional.empty();
    }

    /** Moves the client to another room, made on demand; tells the client why if it cannot. */
    void join(Client client, String name) {
        lock.lock();
        try {
            if (client.room() == null) {
                return; // cut off meanwhile
            }
            if (!Names.valid(name)) {
                send(client, "* invalid room name: use " + Names.RULE);
            } else if (Names.key(name).equals(Names.key(client.room().name()))) {
                send(client, "* you are already in " + client.room().name());
            } else {
                leaveRoom(client, "* " + client.nick() + " left " + client.room().name() + " for " + name);
                enter(client, name);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Relays a line from the client to its room. */
    void say(Client client, String text) {
        relay(client, "<" + client.nick() + "> " + text);
    }

    /** Relays an action ({@code /me}) to the client's room. */
    void act(Client client, String action) {
        relay(client, "* " + client.nick() + " " + action);
    }

    private void relay(Client client, String line) {
        lock.lock();
        try {
            if (client.room() == null) {
                return; // cut off meanwhile
            }
            relayed.incrementAndGet();
            broadcast(client.room(), line);
        } finally {
            lock.unlock();
        }
    }

    /** Sends a private message, echoed to the sender; tells the sender when there is no such user. */
    void tell(Client from, String nick, String text) {
        lock.lock();
        try {
            Client to = nicks.get(Names.key(nick));
            if (to == null) {
                send(from, "* no such nickname: " + nick);
                return;
            }
            relayed.incrementAndGet();
            send(to, "*" + from.nick() + "* " + text);
            send(from, "-> *" + to.nick() + "* " + text);
        } finally {
            lock.unlock();
        }
    }

    /** @return one line listing every room with its member count */
    String roomList() {
        lock.lock();
        try {
            StringJoiner list = new StringJoiner(", ", "* rooms: ", "");
            rooms.values().forEach(r -> list.add(r.name() + " (" + r.members().size() + ")"));
            return list.toString();
        } finally {
            lock.unlock();
        }
    }

    /** @return one line listing the members of the client's room */
    String who(Client client) {
        lock.lock();
        try {
            Room room = client.room();
            if (room == null) {
                return "* you are not in a room";
            }
            StringJoiner list = new StringJoiner(", ",
                    "* in " + room.name() + " (" + room.members().size() + "): ", "");
            room.members().forEach(m -> list.add(m.nick()));
            return list.toString();
        } finally {
            lock.unlock();
        }
    }

    /**
     * @return the outboxes of the client's room that are over half full while their writers are not
     *     stuck on their sockets: receivers that keep up but are falling behind, for a sender to pace
     *     itself on
     */
    List<Outbox> busy(Client client) {
        lock.lock();
        try {
            Room room = client.room();
            if (room == null) {
                return List.of();
            }
            List<Outbox> busy = new ArrayList<>(0);
            for (Client member : room.members()) {
                Outbox outbox = member.outbox();
                if (outbox.backlog() > outbox.capacity() / 2 && !outbox.stalled(STALLED_NANOS)) {
                    busy.add(outbox);
                }
            }
            return busy;
        } finally {
            lock.unlock();
        }
    }

    /** Sends a line to one client; cuts the client off if its outbox is full. */
    void send(Client client, String text) {
        deliver(client, Outbox.Line.text(clock.millis(), text));
    }

    /** Queues a line for one client; cuts the client off if its outbox is full. */
    void deliver(Client client, Outbox.Line line) {
        if (!client.outbox().offer(line)) {
            cutOffSlow(client);
        }
    }

    /**
     * Forgets a client that has gone, for whatever reason; its room is told unless the service is
     * shutting down. Safe to call more than once.
     */
    void remove(Client client, String reason) {
        lock.lock();
        try {
            connected.remove(client);
            if (client.nick() != null && nicks.get(Names.key(client.nick())) == client) {
                nicks.remove(Names.key(client.nick()));
            }
            if (client.room() != null) {
                leaveRoom(client, "* " + client.nick() + " left " + client.room().name() + " (" + reason + ")");
            }
        } finally {
            lock.unlock();
        }
    }

    /** Cuts off a client that floods, telling it why; its room is told it left. */
    void cutOffFlooding(Client client) {
        cutFlooding.incrementAndGet();
        client.outbox().cutOff(Outbox.Line.text(clock.millis(), "* disconnected: flooding"), false, SLOW_GRACE);
        remove(client, "flooding");
    }

    private void cutOffSlow(Client client) {
        cutSlow.incrementAndGet();
        client.outbox().cutOff(Outbox.Line.text(clock.millis(), "* disconnected: you are not reading fast enough"),
                true, SLOW_GRACE);
        remove(client, "too slow");
    }

    /** The service is shutting down: every client gets what is queued for it, then {@code notice}, then is closed. */
    void drain(String notice) {
        lock.lock();
        try {
            draining = true;
            Outbox.Line line = Outbox.Line.text(clock.millis(), notice);
            connected.forEach(c -> c.outbox().cutOff(line, false, DRAIN_GRACE));
        } finally {
            lock.unlock();
        }
    }

    /** @return rooms, member counts and counters, as plain values for the daemon's status */
    Map<String, Object> snapshot() {
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

    private void enter(Client client, String name) {
        Room room = rooms.computeIfAbsent(Names.key(name), k -> new Room(name));
        room.members().add(client);
        client.room(room);
        broadcast(room, "* " + client.nick() + " joined " + room.name());
    }

    private void leaveRoom(Client client, String notice) {
        Room room = client.room();
        room.members().remove(client);
        client.room(null);
        if (room.members().isEmpty() && !Names.key(room.name()).equals(Names.key(defaultRoom))) {
            rooms.remove(Names.key(room.name()));
        } else if (!draining) {
            broadcast(room, notice);
        }
    }

    /** Offers a line to every member; members that cannot take it are cut off afterwards. */
    private void broadcast(Room room, String text) {
        Outbox.Line line = Outbox.Line.text(clock.millis(), text);
        List<Client> slow = new ArrayList<>(0);
        for (Client member : room.members()) {
            if (!member.outbox().offer(line)) {
                slow.add(member);
            }
        }
        slow.forEach(this::cutOffSlow);
    }
}
