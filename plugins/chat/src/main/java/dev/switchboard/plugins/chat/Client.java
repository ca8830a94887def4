package dev.switchboard.plugins.chat;

/**
 * One connected client as the rest of the chat sees it: a nickname (once chosen), a room (once in one)
 * and the outbox its lines go to. Nickname and room change only under {@link Chat}'s lock.
 */
final class Client {

    private final Outbox outbox;
    private final String address;
    private volatile String nick;
    private volatile Room room;

    Client(Outbox outbox, String address) {
        this.outbox = outbox;
        this.address = address;
    }

    Outbox outbox() {
        return outbox;
    }

    /** @return the nickname, or null before one is chosen */
    String nick() {
        return nick;
    }

    void nick(String nick) {
        this.nick = nick;
    }

    /** @return the client's room, or null before login and after leaving */
    Room room() {
        return room;
    }

    void room(Room room) {
        this.room = room;
    }

    @Override
    public String toString() {
        return nick == null ? address : nick + "@" + address;
    }
}
