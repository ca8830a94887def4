package dev.switchboard.plugins.chat;

import dev.switchboard.api.Connection;
import dev.switchboard.api.LineTooLongException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One client's conversation, run by the thread serving it: the banner, choosing a nickname, then
 * lines and commands until the client quits, goes, floods or is cut off. Everything it says goes
 * through the client's {@link Outbox}; it only reads.
 */
final class Session {

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

    /** The longest a sender waits for busy receivers' writers after one line. */
    private static final long PACE_NANOS = Duration.ofMillis(100).toNanos();

    private final Chat chat;
    private final ChatConfig config;
    private final Connection connection;
    private final Client client;
    private final LoginDeadline loginDeadline;
    private final TelnetLineReader reader;
    private final FloodGuard flood;
    private String reason = "connection closed";
    private String farewell;
    private boolean over;

    Session(Chat chat, ChatConfig config, Connection connection, Client client) {
        this.chat = chat;
        this.config = config;
        this.connection = connection;
        this.client = client;
        this.loginDeadline = new LoginDeadline(connection, config.loginTimeout());
        this.reader = new TelnetLineReader(loginDeadline, config.maxLine(),
                reply -> chat.deliver(client, Outbox.Line.raw(reply)));
        this.flood = new FloodGuard(config.floodBurst(), config.floodInterval(), System::nanoTime);
    }

    /** @return why the client left, for its room */
    String reason() {
        return reason;
    }

    /** @return the last line for the client, or empty */
    Optional<String> farewell() {
        return Optional.ofNullable(farewell);
    }

    /** Runs the conversation until it is over; an {@link IOException} means the client has gone. */
    void run() throws IOException {
        config.motd().lines().forEach(this::say);
        if (login()) {
            for (Optional<String> line; !over && (line = next()).isPresent(); ) {
                handle(line.get());
                pace(chat.busy(client));
            }
        }
    }

    private boolean login() throws IOException {
        try {
            while (true) {
                say("* choose a nickname (" + Names.RULE + "):");
                Optional<String> nick = next();
                if (nick.isEmpty()) {
                    return false;
                }
                Optional<String> problem = chat.login(client, nick.get());
                if (problem.isEmpty()) {
                    break;
                }
                say(problem.get());
            }
        } catch (SocketTimeoutException e) {
            farewell = "* disconnected: no nickname chosen within " + describe(config.loginTimeout());
            return false;
        }
        loginDeadline.lift();
        say("* you are " + client.nick() + "; /help lists the commands");
        pace(chat.busy(client)); // joining told the whole room
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

    private void handle(String line) {
        if (!line.startsWith("/")) {
            chat.say(client, line);
            return;
        }
        if (line.startsWith("//")) {
            chat.say(client, line.substring(1));
            return;
        }
        int space = line.indexOf(' ');
        String command = (space < 0 ? line : line.substring(0, space)).toLowerCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1).strip();
        switch (command) {
            case "/nick":
                chat.rename(client, argument).ifPresent(this::say);
                break;
            case "/me":
                if (argument.isEmpty()) {
                    say("* usage: /me ACTION");
                } else {
                    chat.act(client, argument);
                }
                break;
            case "/msg":
                message(argument);
                break;
            case "/join":
                chat.join(client, argument.startsWith("#") ? argument.substring(1) : argument);
                break;
            case "/rooms":
                say(chat.roomList());
                break;
            case "/who":
                say(chat.who(client));
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

    /**
     * After each line, a client faster than its room's writers (they wait for a processor, not for
     * their clients) waits here, holding no lock, until each busy receiver has caught up to a quarter
     * full, for at most {@link #PACE_NANOS} in all: without this a burst of lines or of logins could
     * overflow healthy clients' queues. Writers stuck on a socket are never waited for; their clients
     * are cut off when their queues fill.
     */
    private void pace(List<Outbox> busy) throws InterruptedIOException {
        long deadline = System.nanoTime() + PACE_NANOS;
        try {
            for (Outbox outbox : busy) {
                outbox.awaitBacklogBelow(outbox.capacity() / 4, deadline - System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while pacing");
        }
    }

    private void message(String argument) {
        int space = argument.indexOf(' ');
        String text = space < 0 ? "" : argument.substring(space + 1).strip();
        if (text.isEmpty()) {
            say("* usage: /msg NICK TEXT");
        } else {
            chat.tell(client, argument.substring(0, space), text);
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
        chat.send(client, text);
    }

    /** @return a duration as people write it in the configuration: 1m, 30s, 250ms */
    static String describe(Duration d) {
        if (d.toMillis() % 60_000 == 0) {
            return d.toMinutes() + "m";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
