package dev.switchboard.plugins.chat.telnet;

import dev.switchboard.api.LineTooLongException;
import dev.switchboard.plugins.chat.room.Chat;
import dev.switchboard.plugins.chat.room.Client;
import dev.switchboard.plugins.chat.room.Event;
import dev.switchboard.plugins.chat.session.ChatConfig;
import dev.switchboard.plugins.chat.session.Conversation;
import dev.switchboard.plugins.chat.session.FloodGuard;
import dev.switchboard.plugins.chat.session.LoginDeadline;
import dev.switchboard.plugins.chat.session.Outbox;
import dev.switchboard.plugins.chat.session.Pacing;
import dev.switchboard.plugins.chat.text.Names;
import dev.switchboard.plugins.chat.text.Sanitizer;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Predicate;

/**
 * One telnet or nc user's conversation, run by the thread serving it: the banner, choosing a nickname,
 * then lines and commands until the client quits, goes, floods or is cut off. Everything it says goes
 * through the client's {@link Outbox}; it only reads.
 */
public final class TelnetSession implements Conversation {

    private static final String[] HELP = {
        "* commands:",
        "*   /nick NEW         change your nickname",
        "*   /join ROOM        go to another room (made if it does not exist)",
        "*   /rooms            list rooms and how many are in each",
        "*   /who              list who is in your room",
        "*   /msg NICK TEXT    send a private message",
        "*   /me ACTION        describe what you do",
        "*   /time on|off      time stamps on the lines you receive",
        "*   /quit [REASON]    leave",
        "* anything else is said to your room; start a line with // to say something beginning with /",
    };

    private final Chat chat;
    private final ChatConfig config;
    private final Client client;
    private final LoginDeadline loginDeadline;
    private final TelnetLineReader reader;
    private final FloodGuard flood;
    private final Predicate<String> ircFirstLine;
    private String handOver;
    private String reason = "connection closed";
    private String farewell;
    private boolean over;

    /**
     * @param in the client's input, under the login deadline
     * @param ircFirstLine recognises an IRC client's first line, should one answer the nickname prompt
     */
    public TelnetSession(Chat chat, ChatConfig config, Client client, LoginDeadline in,
            Predicate<String> ircFirstLine) {
        this.chat = chat;
        this.config = config;
        this.client = client;
        this.loginDeadline = in;
        this.reader = new TelnetLineReader(in, config.maxLine(),
                reply -> chat.deliver(client, Outbox.Line.raw(reply)));
        this.flood = new FloodGuard(config.floodBurst(), config.floodInterval(), System::nanoTime);
        this.ircFirstLine = ircFirstLine;
    }

    @Override
    public String reason() {
        return reason;
    }

    @Override
    public Optional<String> farewell() {
        return Optional.ofNullable(farewell);
    }

    /**
     * @return the first line of a client that turned out to speak IRC (it answered the nickname prompt
     *     with a registration command), to be handed to the IRC session; empty otherwise
     */
    public Optional<String> handOver() {
        return Optional.ofNullable(handOver);
    }

    @Override
    public void run() throws IOException {
        config.motd().lines().forEach(this::say);
        if (login()) {
            for (Optional<String> line; !over && (line = next()).isPresent(); ) {
                handle(line.get());
                Pacing.await(chat.busy(client));
            }
        }
    }

    private boolean login() throws IOException {
        try {
            while (true) {
                say("* choose a nickname (" + Names.NICK_RULE + "):");
                Optional<String> nick = next();
                if (nick.isEmpty()) {
                    return false;
                }
                if (ircFirstLine.test(nick.get())) {
                    handOver = nick.get(); // no nickname has a space: this is an IRC client that was slow to speak
                    return false;
                }
                Optional<Chat.NickProblem> problem = chat.register(client, nick.get());
                if (problem.isEmpty()) {
                    chat.join(client, chat.defaultRoom());
                    break;
                }
                say(nickProblem(problem.get(), nick.get()));
            }
        } catch (SocketTimeoutException e) {
            farewell = "* disconnected: no nickname chosen within " + describe(config.loginTimeout());
            return false;
        }
        loginDeadline.lift();
        say("* you are " + client.nick() + "; /help lists the commands");
        Pacing.await(chat.busy(client)); // joining told the whole room
        return true;
    }

    /** @return the next line worth handling, cleaned; empty when the conversation is over */
    private Optional<String> next() throws IOException {
        while (!over) {
            Optional<String> raw;
            boolean tooLong = false;
            try {
                raw = reader.readLine();
            } catch (LineTooLongException e) {
                raw = Optional.of("");
                tooLong = true;
            }
            if (raw.isEmpty()) {
                return raw;
            }
            String text = Sanitizer.clean(raw.get()).strip();
            if (text.isEmpty() && !tooLong) {
                continue;
            }
            switch (flood.admit()) {
                case PASS:
                    if (!tooLong) {
                        return Optional.of(text);
                    }
                    say("* line too long (limit " + config.maxLine() + " bytes), ignored");
                    break;
                case WARN:
                    say("* flood control: slow down (" + config.floodBurst() + " lines at once, then one every "
                            + describe(config.floodInterval()) + "); lines are being dropped");
                    break;
                case DROP:
                    break;
                default:
                    chat.cutOffFlooding(client);
                    reason = "flooding";
                    over = true;
                    break;
            }
        }
        return Optional.empty();
    }

    private String nickProblem(Chat.NickProblem problem, String nick) {
        switch (problem) {
            case INVALID:
                return "* invalid nickname: use " + Names.NICK_RULE;
            case RESERVED:
                return "* nickname " + nick + " is reserved";
            case TAKEN:
                return "* nickname " + nick + " is taken";
            default:
                return "* disconnected";
        }
    }

    private void handle(String line) {
        if (!line.startsWith("/")) {
            chat.sayHere(client, Event.Kind.MESSAGE, line);
            return;
        }
        if (line.startsWith("//")) {
            chat.sayHere(client, Event.Kind.MESSAGE, line.substring(1));
            return;
        }
        int space = line.indexOf(' ');
        String command = (space < 0 ? line : line.substring(0, space)).toLowerCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1).strip();
        switch (command) {
            case "/nick":
                chat.rename(client, argument).ifPresent(p -> say(nickProblem(p, argument)));
                break;
            case "/me":
                if (argument.isEmpty()) {
                    say("* usage: /me ACTION");
                } else {
                    chat.sayHere(client, Event.Kind.ACTION, argument);
                }
                break;
            case "/msg":
                message(argument);
                break;
            case "/join":
                join(argument.startsWith("#") ? argument.substring(1) : argument);
                break;
            case "/rooms":
                rooms();
                break;
            case "/who":
                who();
                break;
            case "/help":
                for (String help : HELP) {
                    say(help);
                }
                break;
            case "/time":
                time(argument);
                break;
            case "/quit":
                reason = argument.isEmpty() ? "quit" : "quit: " + argument;
                farewell = "* bye";
                over = true;
                break;
            default:
                say("* unknown command " + command + "; /help lists the commands");
                break;
        }
    }

    private void join(String room) {
        switch (chat.move(client, room)) {
            case INVALID:
                say("* invalid room name: use " + Names.ROOM_RULE);
                break;
            case ALREADY:
                chat.roomOf(client).ifPresent(r -> say("* you are already in " + r.name()));
                break;
            default:
                break;
        }
    }

    private void rooms() {
        StringJoiner list = new StringJoiner(", ", "* rooms: ", "");
        chat.rooms().forEach(r -> list.add(r.name() + " (" + r.members().size() + ")"));
        say(list.toString());
    }

    private void who() {
        Optional<Chat.RoomView> room = chat.roomOf(client);
        if (room.isEmpty()) {
            say("* you are not in a room");
            return;
        }
        List<Client> members = room.get().members();
        StringJoiner list = new StringJoiner(", ", "* in " + room.get().name() + " (" + members.size() + "): ", "");
        members.forEach(m -> list.add(m.nick()));
        say(list.toString());
    }

    private void message(String argument) {
        int space = argument.indexOf(' ');
        String text = space < 0 ? "" : argument.substring(space + 1).strip();
        if (text.isEmpty()) {
            say("* usage: /msg NICK TEXT");
        } else {
            String nick = argument.substring(0, space);
            if (chat.tell(client, Event.Kind.MESSAGE, nick, text).isEmpty()) {
                say("* no such nickname: " + nick);
            }
        }
    }

    private void time(String argument) {
        if (argument.equalsIgnoreCase("on") || argument.equalsIgnoreCase("off")) {
            boolean on = argument.equalsIgnoreCase("on");
            client.outbox().timestamps(on);
            say("* time stamps " + (on ? "on" : "off"));
        } else {
            say("* usage: /time on|off");
        }
    }

    private void say(String text) {
        chat.notice(client, text);
    }

    /** @return a duration as people write it in the configuration: 1m, 30s, 250ms */
    public static String describe(Duration d) {
        if (d.toMillis() % 60_000 == 0) {
            return d.toMinutes() + "m";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
