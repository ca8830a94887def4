package dev.switchboard.plugins.chat;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Settings;
import java.time.Duration;

/**
 * A chat service's settings, validated.
 *
 * @param motd the welcome banner, possibly several lines
 * @param defaultRoom the room every client starts in
 * @param maxLine the longest line a client may send, in bytes
 * @param maxQueued how many lines may wait for a client before it is cut off as too slow
 * @param floodBurst how many lines a client may send at once
 * @param floodInterval how often one more line is allowed; zero turns flood control off
 * @param loginTimeout the total time a new client has, from connecting, to choose a nickname
 * @param shutdownMessage what every client is told when the service shuts down
 */
record ChatConfig(
        String motd,
        String defaultRoom,
        int maxLine,
        int maxQueued,
        int floodBurst,
        Duration floodInterval,
        Duration loginTimeout,
        String shutdownMessage) {

    static final String DEFAULT_MOTD = "Welcome to Switchboard chat.";

    /** Reads every key the chat protocol understands, so that no key of ours is reported as unknown. */
    static ChatConfig read(Settings settings) throws ConfigException {
        String motd = settings.string("motd", DEFAULT_MOTD);
        String room = settings.string("default-room", "lobby");
        if (!Names.valid(room)) {
            throw settings.invalid("default-room", "'" + room + "' is not a room name: " + Names.RULE);
        }
        int maxLine = settings.integer("max-line", 512, 64, 65536);
        int maxQueued = settings.integer("max-queued", 256, 8, 1_000_000);
        int burst = settings.integer("flood-burst", 5, 1, 1_000_000);
        Duration interval = settings.duration("flood-interval", Duration.ofSeconds(1));
        Duration login = settings.duration("login-timeout", Duration.ofMinutes(1));
        if (login.isZero()) {
            throw settings.invalid("login-timeout", "must be more than 0s (e.g. 1m)");
        }
        String shutdown = settings.string("shutdown-message", "* server is shutting down");
        return new ChatConfig(motd, room, maxLine, maxQueued, burst, interval, login, shutdown);
    }
}
