package dev.switchboard.plugins.chat.irc;

import dev.switchboard.plugins.chat.room.Chat;
import dev.switchboard.plugins.chat.room.Client;
import dev.switchboard.plugins.chat.room.Event;
import dev.switchboard.plugins.chat.session.ChatConfig;
import dev.switchboard.plugins.chat.text.Names;
import dev.switchboard.plugins.chat.text.Sanitizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * What a registered IRC client may ask, each answered with the replies and errors RFC 2812 gives it:
 * channels (JOIN, PART, TOPIC, NAMES, LIST), messages (PRIVMSG, NOTICE, CTCP), the queries clients
 * send on their own (WHO, WHOIS, MODE, ISON, USERHOST) and AWAY.
 */
final class IrcCommands {

    static final String VERSION = "switchboard-chat-"
            + Optional.ofNullable(IrcCommands.class.getPackage().getImplementationVersion()).orElse("0.1");
    static final long STARTED = System.currentTimeMillis();
    /** The most targets one PRIVMSG may name (ISUPPORT's TARGMAX default for most servers). */
    private static final int MAX_TARGETS = 4;
    /** Room for the names in one 353 line, short of 512 bytes with the prefix. */
    private static final int NAMES_WIDTH = 400;

    private final Chat chat;
    private final ChatConfig config;
    private final Client client;
    private final IrcFront front;
    private boolean invisible;

    IrcCommands(Chat chat, ChatConfig config, Client client, IrcFront front) {
        this.chat = chat;
        this.config = config;
        this.client = client;
        this.front = front;
    }

    void handle(IrcMessage m) {
        switch (m.command()) {
            case "JOIN":
                join(m);
                break;
            case "PART":
                part(m);
                break;
            case "PRIVMSG":
            case "NOTICE":
                message(m, m.command().equals("NOTICE"));
                break;
            case "TOPIC":
                topic(m);
                break;
            case "NAMES":
                if (m.params().isEmpty()) {
                    reply("366", "*", "End of /NAMES list");
                } else {
                    for (String channel : m.param(0).split(",")) {
                        names(channel);
                    }
                }
                break;
            case "LIST":
                list(m);
                break;
            case "WHO":
                who(m.param(0));
                break;
            case "WHOIS":
                whois(m);
                break;
            case "MODE":
                mode(m);
                break;
            case "AWAY":
                away(m);
                break;
            case "ISON":
                ison(m);
                break;
            case "USERHOST":
                userhost(m);
                break;
            case "TAGMSG":
                break; // client-only tags (typing notices): nothing to relay them to
            default:
                reply("421", m.command(), "Unknown command");
                break;
        }
    }

    void rename(String nick) {
        Optional<Chat.NickProblem> problem = chat.rename(client, nick);
        if (problem.isPresent()) {
            switch (problem.get()) {
                case TAKEN:
                    reply("433", nick, "Nickname is already in use");
                    break;
                case GONE:
                    break;
                default:
                    reply("432", nick, "Erroneous nickname");
                    break;
            }
        }
    }

    private void join(IrcMessage m) {
        if (m.params().isEmpty()) {
            reply("461", "JOIN", "Not enough parameters");
            return;
        }
        if (m.param(0).equals("0")) {
            for (String room : chat.roomsOf(client)) {
                chat.part(client, room, "");
            }
            return;
        }
        for (String channel : m.param(0).split(",")) {
            Optional<String> room = room(channel);
            if (room.isEmpty()) {
                reply("403", channel, "No such channel");
                continue;
            }
            switch (chat.join(client, room.get())) {
                case JOINED:
                    topicOf(channel, room.get(), true);
                    names(channel);
                    break;
                case TOO_MANY:
                    reply("405", channel, "You have joined too many channels");
                    return; // the rest would be refused too
                case INVALID:
                    reply("403", channel, "No such channel");
                    break;
                default:
                    break; // already there: RFC 2812 says nothing
            }
        }
    }

    private void part(IrcMessage m) {
        if (m.params().isEmpty()) {
            reply("461", "PART", "Not enough parameters");
            return;
        }
        String reason = Sanitizer.cleanKeepingFormatting(m.param(1));
        for (String channel : m.param(0).split(",")) {
            Optional<String> room = room(channel);
            Chat.Delivery done = room.isEmpty() ? Chat.Delivery.NO_SUCH_ROOM : chat.part(client, room.get(), reason);
            if (done == Chat.Delivery.NO_SUCH_ROOM) {
                reply("403", channel, "No such channel");
            } else if (done == Chat.Delivery.NOT_IN_ROOM) {
                reply("442", channel, "You're not on that channel");
            }
        }
    }

    private void message(IrcMessage m, boolean notice) {
        // RFC 2812 3.3.2: NOTICE never gets an automatic reply, errors included.
        if (m.params().isEmpty() || m.param(0).isEmpty()) {
            replyUnlessNotice(notice, "411", "No recipient given (" + m.command() + ")");
            return;
        }
        if (m.params().size() < 2 || m.param(1).isEmpty()) {
            replyUnlessNotice(notice, "412", "No text to send");
            return;
        }
        String[] targets = m.param(0).split(",");
        if (targets.length > MAX_TARGETS) {
            replyUnlessNotice(notice, "407", m.param(0), "Too many recipients. Only " + MAX_TARGETS + " allowed");
            return;
        }
        Ctcp ctcp = Ctcp.parse(m.param(1));
        if (ctcp.text().isEmpty() && !ctcp.isCtcp()) {
            replyUnlessNotice(notice, "412", "No text to send");
            return;
        }
        for (String target : targets) {
            deliver(target, notice, ctcp);
        }
    }

    private void deliver(String target, boolean notice, Ctcp ctcp) {
        Event.Kind kind = notice ? Event.Kind.NOTICE : ctcp.isAction() ? Event.Kind.ACTION : Event.Kind.MESSAGE;
        String text = ctcp.isAction() || !ctcp.isCtcp() ? ctcp.text() : ctcp.wire();
        if (target.startsWith("#")) {
            Optional<String> room = room(target);
            Chat.Delivery done = room.isEmpty() ? Chat.Delivery.NO_SUCH_ROOM : chat.say(client, kind, room.get(), text);
            if (done == Chat.Delivery.NO_SUCH_ROOM) {
                replyUnlessNotice(notice, "401", target, "No such nick/channel");
            } else if (done == Chat.Delivery.NOT_IN_ROOM) {
                replyUnlessNotice(notice, "404", target, "Cannot send to channel");
            }
            return;
        }
        // "*", "$*" and other masks name no one: there are no mass messages.
        Optional<Client> to = Names.validNick(target) ? chat.find(target) : Optional.empty();
        if (to.isEmpty()) {
            replyUnlessNotice(notice, "401", target, "No such nick/channel");
            return;
        }
        if (ctcp.isCtcp() && !ctcp.isAction() && !(to.get().front() instanceof IrcFront)) {
            if (!notice) {
                answerForTelnetUser(to.get(), ctcp); // a telnet user cannot answer a CTCP request itself
            }
            return;
        }
        chat.tell(client, kind, to.get().nick(), text);
        if (!notice && !to.get().away().isEmpty()) {
            reply("301", to.get().nick(), to.get().away());
        }
    }

    private void answerForTelnetUser(Client to, Ctcp ctcp) {
        String answer;
        switch (ctcp.command()) {
            case "VERSION":
                answer = "VERSION " + VERSION + " (a telnet user)";
                break;
            case "PING":
                answer = ctcp.text().isEmpty() ? "PING" : "PING " + ctcp.text();
                break;
            default:
                return;
        }
        chat.deliver(client, front.fromServer(":" + to.mask() + " NOTICE " + client.nick() + " :\u0001" + answer + "\u0001"));
    }

    private void topic(IrcMessage m) {
        if (m.params().isEmpty()) {
            reply("461", "TOPIC", "Not enough parameters");
            return;
        }
        String channel = m.param(0);
        Optional<String> room = room(channel);
        if (m.params().size() < 2) {
            if (room.isEmpty() || !topicOf(channel, room.get(), false)) {
                reply("403", channel, "No such channel");
            }
            return;
        }
        Chat.Delivery done = room.isEmpty() ? Chat.Delivery.NO_SUCH_ROOM
                : chat.topic(client, room.get(), Sanitizer.cleanKeepingFormatting(m.param(1)));
        if (done == Chat.Delivery.NO_SUCH_ROOM) {
            reply("403", channel, "No such channel");
        } else if (done == Chat.Delivery.NOT_IN_ROOM) {
            reply("442", channel, "You're not on that channel");
        }
    }

    /** Sends 332 and 333, or 331. @return false if there is no such room */
    private boolean topicOf(String channel, String room, boolean joining) {
        Optional<Chat.RoomView> view = chat.room(room);
        if (view.isEmpty()) {
            return false;
        }
        Chat.RoomView r = view.get();
        if (r.topic().isEmpty()) {
            reply("331", "#" + r.name(), "No topic is set");
        } else {
            reply("332", "#" + r.name(), r.topic());
            reply("333", "#" + r.name(), r.topicBy(), String.valueOf(r.topicAt()));
        }
        return true;
    }

    private void names(String channel) {
        Optional<Chat.RoomView> view = room(channel).flatMap(chat::room);
        if (view.isPresent()) {
            String name = "#" + view.get().name();
            StringJoiner line = new StringJoiner(" ");
            for (Client member : view.get().members()) {
                if (line.length() + member.nick().length() > NAMES_WIDTH) {
                    reply("353", "=", name, line.toString());
                    line = new StringJoiner(" ");
                }
                line.add(member.nick());
            }
            if (line.length() > 0) {
                reply("353", "=", name, line.toString());
            }
        }
        reply("366", view.map(v -> "#" + v.name()).orElse(channel), "End of /NAMES list");
    }

    private void list(IrcMessage m) {
        reply("321", "Channel", "Users  Name");
        List<String> only = m.params().isEmpty() ? List.of() : List.of(m.param(0).toLowerCase(Locale.ROOT).split(","));
        for (Chat.RoomView r : chat.rooms()) {
            if (only.isEmpty() || only.contains("#" + Names.key(r.name()))) {
                reply("322", "#" + r.name(), String.valueOf(r.members().size()), r.topic());
            }
        }
        reply("323", "End of /LIST");
    }

    private void who(String mask) {
        if (mask.startsWith("#")) {
            room(mask).flatMap(chat::room).ifPresent(r -> r.members().forEach(member -> whoLine("#" + r.name(), member)));
        } else if (Names.validNick(mask)) {
            chat.find(mask).ifPresent(found -> whoLine("*", found));
        }
        reply("315", mask.isEmpty() ? "*" : mask, "End of /WHO list");
    }

    private void whoLine(String channel, Client member) {
        reply("352", channel, member.user(), member.host(), config.serverName(), member.nick(),
                member.away().isEmpty() ? "H" : "G", "0 " + member.realName());
    }

    private void whois(IrcMessage m) {
        if (m.params().isEmpty()) {
            reply("431", "No nickname given");
            return;
        }
        String nick = m.param(m.params().size() - 1).split(",")[0];
        Optional<Client> found = Names.validNick(nick) ? chat.find(nick) : Optional.empty();
        if (found.isEmpty()) {
            reply("401", nick, "No such nick/channel");
            reply("318", nick, "End of /WHOIS list");
            return;
        }
        Client c = found.get();
        reply("311", c.nick(), c.user(), c.host(), "*", c.realName());
        List<String> rooms = chat.roomsOf(c);
        if (!rooms.isEmpty()) {
            StringJoiner channels = new StringJoiner(" ");
            rooms.forEach(r -> channels.add("#" + r));
            reply("319", c.nick(), channels.toString());
        }
        reply("312", c.nick(), config.serverName(), "Switchboard chat");
        if (!c.away().isEmpty()) {
            reply("301", c.nick(), c.away());
        }
        long now = System.currentTimeMillis();
        reply("317", c.nick(), String.valueOf(Math.max(0, (now - c.activeAt()) / 1000)),
                String.valueOf(c.connectedAt() / 1000), "seconds idle, signon time");
        reply("318", c.nick(), "End of /WHOIS list");
    }

    private void mode(IrcMessage m) {
        String target = m.param(0);
        if (target.isEmpty()) {
            reply("461", "MODE", "Not enough parameters");
            return;
        }
        if (target.startsWith("#")) {
            Optional<Chat.RoomView> room = room(target).flatMap(chat::room);
            if (room.isEmpty()) {
                reply("403", target, "No such channel");
            } else if (m.params().size() == 1) {
                reply("324", "#" + room.get().name(), "+n");
                reply("329", "#" + room.get().name(), String.valueOf(room.get().createdAt()));
            } else if (m.param(1).equals("b") || m.param(1).equals("+b") && m.params().size() == 2) {
                reply("368", "#" + room.get().name(), "End of channel ban list");
            } else {
                reply("482", "#" + room.get().name(), "You're not channel operator");
            }
            return;
        }
        if (!Names.key(target).equals(Names.key(client.nick()))) {
            reply("502", "Can't change mode for other users");
            return;
        }
        if (m.params().size() == 1) {
            reply("221", invisible ? "+i" : "+");
            return;
        }
        String change = m.param(1);
        boolean adding = true;
        for (char c : change.toCharArray()) {
            if (c == '+' || c == '-') {
                adding = c == '+';
            } else if (c == 'i') {
                invisible = adding;
            } else if (c != 'w') {
                reply("501", "Unknown MODE flag");
                return;
            }
        }
        chat.deliver(client, front.fromServer(":" + client.mask() + " MODE " + client.nick() + " :" + change));
    }

    private void away(IrcMessage m) {
        String message = Sanitizer.cleanKeepingFormatting(m.param(0)).strip();
        chat.away(client, message.length() > 200 ? message.substring(0, 200) : message);
        if (message.isEmpty()) {
            reply("305", "You are no longer marked as being away");
        } else {
            reply("306", "You have been marked as being away");
        }
    }

    private void ison(IrcMessage m) {
        StringJoiner present = new StringJoiner(" ");
        for (String param : m.params()) {
            for (String nick : param.split(" ")) {
                if (Names.validNick(nick)) {
                    chat.find(nick).ifPresent(c -> present.add(c.nick()));
                }
            }
        }
        reply("303", present.toString());
    }

    private void userhost(IrcMessage m) {
        StringJoiner found = new StringJoiner(" ");
        m.params().stream().limit(5).filter(Names::validNick).forEach(nick -> chat.find(nick).ifPresent(
                c -> found.add(c.nick() + "=" + (c.away().isEmpty() ? "+" : "-") + c.user() + "@" + c.host())));
        reply("302", found.toString());
    }

    /** @return the room named by {@code #name}, if that is a valid channel name */
    private static Optional<String> room(String channel) {
        if (!channel.startsWith("#") || !Names.validRoom(channel.substring(1))) {
            return Optional.empty();
        }
        return Optional.of(channel.substring(1));
    }

    private void replyUnlessNotice(boolean notice, String code, String... params) {
        if (!notice) {
            reply(code, params);
        }
    }

    private void reply(String code, String... params) {
        chat.deliver(client, front.numeric(code, params));
    }
}
