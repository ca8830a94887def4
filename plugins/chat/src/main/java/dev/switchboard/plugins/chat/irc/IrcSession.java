package dev.switchboard.plugins.chat.irc;

import dev.switchboard.api.Connection;
import dev.switchboard.api.LineTooLongException;
import dev.switchboard.plugins.chat.room.Chat;
import dev.switchboard.plugins.chat.room.Client;
import dev.switchboard.plugins.chat.session.ChatConfig;
import dev.switchboard.plugins.chat.session.Conversation;
import dev.switchboard.plugins.chat.session.FloodGuard;
import dev.switchboard.plugins.chat.session.LoginDeadline;
import dev.switchboard.plugins.chat.session.Pacing;
import dev.switchboard.plugins.chat.telnet.TelnetSession;
import dev.switchboard.plugins.chat.text.Names;
import dev.switchboard.plugins.chat.text.Sanitizer;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One IRC client's conversation, run by the thread serving it: registration (CAP, PASS, NICK, USER),
 * then commands until the client quits, goes, floods, stops answering PING or is cut off. Everything
 * it says goes through the client's outbox; it only reads. Registration has a total deadline from
 * connecting ({@code login-timeout}), whatever the client sends meanwhile ({@link LoginDeadline}).
 */
public final class IrcSession implements Conversation {

    /** Before registration only these are allowed (RFC 2812 3.1; IRCv3 CAP). */
    private static final Set<String> BEFORE_REGISTRATION = Set.of("CAP", "PASS", "NICK", "USER", "PING", "PONG", "QUIT");
    /** Commands that reach other users: they count against flood control as a telnet user's lines do. */
    private static final Set<String> RELAYED = Set.of("PRIVMSG", "NOTICE", "JOIN", "PART", "NICK", "TOPIC", "AWAY");
    /** Clients send a burst of queries on their own (WHO, MODE on every join): these get more room. */
    private static final int QUERY_BURST_FACTOR = 4;

    private final Chat chat;
    private final ChatConfig config;
    private final Connection connection;
    private final Client client;
    private final LoginDeadline deadline;
    private final IrcLineReader reader;
    private final Capabilities caps = new Capabilities();
    private final IrcFront front;
    private final IrcCommands commands;
    private final FloodGuard relayFlood;
    private final FloodGuard queryFlood;
    private final String firstLine;
    private String pendingNick;
    private boolean gotUser;
    private boolean negotiating;
    private volatile boolean registered;
    private boolean pingSent;
    private volatile String reason = "connection closed";
    private String farewell;
    private boolean over;

    /**
     * @param in the client's input, under the login deadline
     * @param firstLine a line already read (by a telnet session that found it was IRC), or null
     */
    public IrcSession(Chat chat, ChatConfig config, Connection connection, Client client, LoginDeadline in,
            String firstLine, Clock clock) {
        this.chat = chat;
        this.config = config;
        this.connection = connection;
        this.client = client;
        this.deadline = in;
        this.reader = new IrcLineReader(in);
        this.front = new IrcFront(config.serverName(), clock, caps);
        front.client(client);
        client.front(front);
        this.commands = new IrcCommands(chat, config, client, front);
        this.relayFlood = new FloodGuard(config.floodBurst(), config.floodInterval(), System::nanoTime);
        this.queryFlood = new FloodGuard(config.floodBurst() * QUERY_BURST_FACTOR, config.floodInterval(),
                System::nanoTime);
        this.firstLine = firstLine;
    }

    @Override
    public String reason() {
        return reason;
    }

    @Override
    public Optional<String> farewell() {
        return Optional.ofNullable(farewell);
    }

    @Override
    public void run() throws IOException {
        if (firstLine != null) {
            handle(firstLine);
        }
        while (!over) {
            Optional<String> line;
            try {
                line = reader.readLine();
            } catch (SocketTimeoutException e) {
                keepAlive();
                continue;
            } catch (LineTooLongException e) {
                reply("417", "Input line was too long");
                continue;
            }
            if (line.isEmpty()) {
                return;
            }
            pingSent = false; // any line shows the client is alive
            handle(line.get());
            Pacing.await(chat.busy(client));
        }
    }

    /**
     * A read timed out: before registration that is the login deadline; after it, the client has been
     * silent for a ping interval: ask it; a second silent interval drops it.
     */
    private void keepAlive() {
        if (!registered) {
            reason = "registration timed out";
            farewell = "ERROR :Closing link: registration not completed within "
                    + TelnetSession.describe(config.loginTimeout());
            over = true;
            return;
        }
        if (pingSent) {
            reason = "ping timeout";
            farewell = "ERROR :Closing link: ping timeout (" + TelnetSession.describe(config.pingInterval()) + ")";
            over = true;
            return;
        }
        pingSent = true;
        chat.deliver(client, front.fromServer("PING :" + config.serverName()));
    }

    private void handle(String line) {
        IrcMessage message = IrcMessage.parse(line);
        String command = message.command();
        if (command.isEmpty() || !admit(command)) {
            return;
        }
        switch (command) {
            case "CAP":
                cap(message);
                return;
            case "PASS":
                if (registered) {
                    reply("462", "You may not reregister");
                }
                return; // accepted and ignored: the chat has no passwords
            case "NICK":
                nick(message);
                return;
            case "USER":
                user(message);
                return;
            case "PING":
                if (message.params().isEmpty()) {
                    reply("409", "No origin specified");
                } else {
                    chat.deliver(client, front.fromServer(":" + config.serverName() + " PONG " + config.serverName()
                            + " :" + message.param(0)));
                }
                return;
            case "PONG":
                return;
            case "QUIT":
                String why = Sanitizer.clean(message.param(0)).strip();
                reason = why.isEmpty() ? "quit" : "quit: " + why;
                farewell = "ERROR :Closing link: " + reason;
                over = true;
                return;
            default:
                break;
        }
        if (!registered) {
            reply("451", "You have not registered");
            return;
        }
        commands.handle(message);
    }

    /** @return whether flood control lets the command through (a flooder is cut off) */
    private boolean admit(String command) {
        FloodGuard guard = registered && RELAYED.contains(command) ? relayFlood : queryFlood;
        switch (guard.admit()) {
            case PASS:
                return true;
            case WARN:
                chat.notice(client, "* flood control: slow down (" + config.floodBurst() + " lines at once, then one every "
                        + TelnetSession.describe(config.floodInterval()) + "); lines are being dropped");
                return false;
            case DROP:
                return false;
            default:
                chat.cutOffFlooding(client);
                reason = "flooding";
                over = true;
                return false;
        }
    }

    private void cap(IrcMessage message) {
        String sub = message.param(0).toUpperCase(java.util.Locale.ROOT);
        switch (sub) {
            case "LS":
                if (!registered) {
                    negotiating = true;
                }
                capReply("LS", String.join(" ", Capabilities.OFFERED));
                break;
            case "LIST":
                capReply("LIST", caps.list());
                break;
            case "REQ":
                if (!registered) {
                    negotiating = true;
                }
                Optional<String> ack = caps.request(message.param(1));
                capReply(ack.isPresent() ? "ACK" : "NAK", ack.orElse(message.param(1)));
                break;
            case "END":
                negotiating = false;
                completeRegistration();
                break;
            default:
                reply("410", sub, "Invalid CAP command");
                break;
        }
    }

    private void capReply(String sub, String text) {
        chat.deliver(client, front.fromServer(":" + config.serverName() + " CAP " + front.target() + " " + sub
                + " :" + text));
    }

    private void nick(IrcMessage message) {
        String nick = message.param(0);
        if (nick.isEmpty()) {
            reply("431", "No nickname given");
            return;
        }
        if (registered) {
            commands.rename(nick);
            return;
        }
        if (!Names.validNick(nick) || Names.key(nick).equals("server")) {
            reply("432", nick, "Erroneous nickname");
            return;
        }
        Optional<Client> holder = chat.find(nick);
        if (holder.isPresent() && holder.get() != client) {
            reply("433", nick, "Nickname is already in use");
            return;
        }
        pendingNick = nick;
        front.provisional(nick);
        completeRegistration();
    }

    private void user(IrcMessage message) {
        if (registered || gotUser) {
            reply("462", "You may not reregister");
            return;
        }
        if (message.params().size() < 4 || message.param(0).isEmpty()) {
            reply("461", "USER", "Not enough parameters");
            return;
        }
        String user = message.param(0).replaceAll("[^A-Za-z0-9._-]", "");
        user = user.isEmpty() ? "user" : user.substring(0, Math.min(10, user.length()));
        String realName = Sanitizer.cleanKeepingFormatting(message.param(3)).strip();
        client.identity("~" + user, realName.length() > 50 ? realName.substring(0, 50) : realName);
        gotUser = true;
        completeRegistration();
    }

    private void completeRegistration() {
        if (registered || negotiating || pendingNick == null || !gotUser) {
            return;
        }
        Optional<Chat.NickProblem> problem = chat.register(client, pendingNick);
        if (problem.isPresent()) {
            if (problem.get() == Chat.NickProblem.GONE) {
                over = true;
            } else {
                reply("433", pendingNick, "Nickname is already in use"); // taken since the NICK
                pendingNick = null;
            }
            return;
        }
        registered = true;
        try {
            deadline.lift();
            connection.readTimeout(config.pingInterval());
        } catch (IOException e) {
            over = true; // closed meanwhile
            return;
        }
        welcome();
    }

    private void welcome() {
        String server = config.serverName();
        String version = IrcCommands.VERSION;
        reply("001", "Welcome to the Switchboard IRC network, " + client.mask());
        reply("002", "Your host is " + server + ", running version " + version);
        reply("003", "This server was created " + Instant.ofEpochMilli(IrcCommands.STARTED));
        chat.deliver(client, front.numeric("004", server, version, "iw", "bn"));
        reply("005", "CASEMAPPING=ascii", "CHANTYPES=#", "PREFIX=(ov)@+", "CHANMODES=b,,,n",
                "NICKLEN=" + Names.NICK_LENGTH, "CHANNELLEN=" + (Names.ROOM_LENGTH + 1),
                "CHANLIMIT=#:" + config.maxChannels(), "TOPICLEN=" + Chat.TOPIC_LENGTH, "NETWORK=Switchboard",
                "are supported by this server");
        List<String> motd = config.motd().lines().toList();
        if (motd.isEmpty() || config.motd().isBlank()) {
            reply("422", "MOTD File is missing");
            return;
        }
        reply("375", "- " + server + " Message of the day - ");
        for (String line : motd) {
            reply("372", "- " + line);
        }
        reply("376", "End of /MOTD command.");
    }

    private void reply(String code, String... params) {
        chat.deliver(client, front.numeric(code, params));
    }
}
