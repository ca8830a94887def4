package dev.switchboard.plugins.chat.session;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Settings;
import dev.switchboard.plugins.chat.text.Names;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A chat service's settings, validated.
 *
 * @param motd the welcome banner, possibly several lines (IRC users get it as the MOTD)
 * @param defaultRoom the room every telnet user starts in
 * @param maxLine the longest line a telnet user may send, in bytes (IRC lines are 512 bytes, as RFC 1459 says)
 * @param maxQueued how many lines may wait for a client before it is cut off as too slow
 * @param floodBurst how many lines a client may send at once
 * @param floodInterval how often one more line is allowed; zero turns flood control off
 * @param loginTimeout how long a new client may take, from connecting, to choose a nickname (telnet)
 *     or complete registration (IRC)
 * @param shutdownMessage what every client is told when the service shuts down
 * @param clients which kind of client the service expects: told apart by their first bytes, or forced
 * @param serverName the server's name in IRC messages (their prefix, 001-004)
 * @param pingInterval how long an IRC client may be silent before it is sent a PING; as long again
 *     without an answer and it is dropped
 * @param maxChannels how many rooms one IRC client may be in at once
 */
public record ChatConfig(
        String motd,
        String defaultRoom,
        int maxLine,
        int maxQueued,
        int floodBurst,
        Duration floodInterval,
        Duration loginTimeout,
        String shutdownMessage,
        Clients clients,
        String serverName,
        Duration pingInterval,
        int maxChannels) {

    public static final String DEFAULT_MOTD = "Welcome to Switchboard chat.";

    /** Which kind of client a chat service expects. */
    public enum Clients {
        /** Tell telnet/nc users and IRC clients apart by what they send first. */
        AUTO,
        /** Everyone is a telnet or nc user: no waiting for first bytes. */
        TELNET,
        /** Everyone is an IRC client. */
        IRC
    }

    /** A host name: what IRC clients accept as a server name in a message prefix. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    /** Reads every key the chat protocol understands, so that no key of ours is reported as unknown. */
    public static ChatConfig read(Settings settings) throws ConfigException {
        String motd = settings.string("motd", DEFAULT_MOTD);
        String room = settings.string("default-room", "lobby");
        if (!Names.validRoom(room)) {
            throw settings.invalid("default-room", "'" + room + "' is not a room name: " + Names.ROOM_RULE);
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
        String mode = settings.string("clients", "auto");
        Clients clients;
        try {
            clients = Clients.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw settings.invalid("clients", "'" + mode + "' is not one of auto, telnet, irc");
        }
        String serverName = settings.string("server-name", "irc.switchboard");
        if (!HOST.matcher(serverName).matches() || serverName.length() > 63) {
            throw settings.invalid("server-name", "'" + serverName
                    + "' is not a host name with a dot, of at most 63 characters (e.g. irc.example.org)");
        }
        Duration ping = settings.duration("ping-interval", Duration.ofMinutes(2));
        if (ping.compareTo(Duration.ofSeconds(1)) < 0) {
            throw settings.invalid("ping-interval", "must be at least 1s (e.g. 2m)");
        }
        int maxChannels = settings.integer("max-channels", 20, 1, 1000);
        return new ChatConfig(motd, room, maxLine, maxQueued, burst, interval, login, shutdown, clients,
                serverName, ping, maxChannels);
    }
}
