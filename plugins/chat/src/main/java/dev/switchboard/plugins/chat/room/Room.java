package dev.switchboard.plugins.chat.room;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A room (an IRC channel {@code #name}): its name as first written, its members in order of arrival
 * and its topic. Guarded by {@link Chat}'s lock.
 */
public final class Room {

    private final String name;
    private final long createdAt;
    private final Set<Client> members = new LinkedHashSet<>();
    private String topic = "";
    private String topicBy = "";
    private long topicAt;

    Room(String name, long createdAt) {
        this.name = name;
        this.createdAt = createdAt;
    }

    public String name() {
        return name;
    }

    /** @return when the room was made, in epoch seconds */
    public long createdAt() {
        return createdAt;
    }

    Set<Client> members() {
        return members;
    }

    /** @return the topic, empty if none was set */
    public String topic() {
        return topic;
    }

    /** @return who set the topic (nick!user@host) */
    public String topicBy() {
        return topicBy;
    }

    /** @return when the topic was set, in epoch seconds */
    public long topicAt() {
        return topicAt;
    }

    void topic(String text, String by, long at) {
        this.topic = text;
        this.topicBy = by;
        this.topicAt = at;
    }
}
