package dev.switchboard.plugins.chat;

import java.util.List;

/** Registers raw-socket IRC users the way irssi and WeeChat do: CAP LS 302, NICK, USER, CAP REQ, CAP END. */
final class IrcUser {

    private IrcUser() {
    }

    /** Registers {@code nick} with the capabilities given (none: no CAP at all) and waits for the end of the MOTD. */
    static ChatClient register(int port, String nick, String... caps) {
        ChatClient client = new ChatClient(port);
        if (caps.length > 0) {
            client.send("CAP LS 302");
        }
        client.send("NICK " + nick);
        client.send("USER " + nick + " 0 * :Real " + nick);
        if (caps.length > 0) {
            client.send("CAP REQ :" + String.join(" ", caps));
            client.send("CAP END");
        }
        client.awaitLineContaining(" 376 " + nick + " ");
        return client;
    }

    /** Joins a channel and waits for the end of its names; returns the lines of the join. */
    static List<String> join(ChatClient client, String nick, String channel) {
        client.send("JOIN " + channel);
        List<String> lines = new java.util.ArrayList<>(client.linesBefore(" 366 " + nick + " " + channel + " "));
        return lines;
    }
}
