package dev.switchboard.plugins.chat;

import java.util.LinkedHashSet;
import java.util.Set;

/** A room: a name as first written and its members in order of arrival. Guarded by {@link Chat}'s lock. */
final class Room {

    private final String name;
    private final Set<Client> members = new LinkedHashSet<>();

    Room(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    Set<Client> members() {
        return members;
    }
}
