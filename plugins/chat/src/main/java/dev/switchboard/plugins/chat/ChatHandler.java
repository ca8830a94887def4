package dev.switchboard.plugins.chat;

import dev.switchboard.api.Connection;
import dev.switchboard.api.Handler;
import dev.switchboard.api.ServiceContext;
import dev.switchboard.plugins.chat.irc.IrcSession;
import dev.switchboard.plugins.chat.room.Chat;
import dev.switchboard.plugins.chat.room.Client;
import dev.switchboard.plugins.chat.session.ChatConfig;
import dev.switchboard.plugins.chat.session.Conversation;
import dev.switchboard.plugins.chat.session.LoginDeadline;
import dev.switchboard.plugins.chat.session.Outbox;
import dev.switchboard.plugins.chat.telnet.TelnetFront;
import dev.switchboard.plugins.chat.telnet.TelnetSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one chat service. The daemon's thread for a client runs {@link #serve}: it tells an IRC
 * client from a telnet user ({@link Recognizer}), then runs that kind of conversation, and only reads;
 * what the client is sent goes through its bounded {@link Outbox}, written by a writer of its own, so
 * that sending to a client never blocks anyone.
 */
final class ChatHandler implements Handler {

    private static final Logger LOG = LoggerFactory.getLogger(ChatHandler.class);
    /** How long a finished conversation waits for its last lines to go out before closing anyway. */
    private static final Duration FLUSH_GRACE = Duration.ofSeconds(2);

    private final ChatConfig config;
    private final Clock clock;
    private final Chat chat;
    /** The daemon's threads for the writers and forced closes: the plugin makes none of its own. */
    private final ServiceContext background;

    ChatHandler(ChatConfig config, ServiceContext context) {
        this.config = config;
        this.clock = context.clock();
        this.background = context;
        this.chat = new Chat(config.defaultRoom(), config.maxChannels(), clock);
    }

    /** @return the shared state, for the service's status source */
    Chat chat() {
        return chat;
    }

    @Override
    public void serve(Connection connection) throws IOException {
        long connected = System.nanoTime();
        Outbox outbox = new Outbox(connection, config.maxQueued(), clock, background);
        TelnetFront telnet = new TelnetFront(clock);
        Client client = new Client(outbox, connection.remoteAddress().getAddress().getHostAddress(),
                clock.millis(), telnet);
        telnet.client(client);
        Conversation conversation = null;
        try {
            if (!chat.connect(client)) {
                outbox.end(config.shutdownMessage());
                return;
            }
            Recognizer.Result first = Recognizer.recognize(connection, config.clients());
            LoginDeadline in = new LoginDeadline(first.in(), connection, config.loginTimeout(), connected);
            if (first.mode() == Recognizer.Mode.IRC) {
                conversation = irc(connection, client, in, null);
                conversation.run();
                return;
            }
            TelnetSession telnetSession = new TelnetSession(chat, config, client, in,
                    config.clients() == ChatConfig.Clients.AUTO ? Recognizer::ircFirstLine : line -> false);
            conversation = telnetSession;
            telnetSession.run();
            Optional<String> handOver = telnetSession.handOver();
            if (handOver.isPresent()) {
                conversation = irc(connection, client, in, handOver.get());
                conversation.run();
            }
        } finally {
            String reason = conversation == null ? "connection closed" : conversation.reason();
            chat.remove(client, reason);
            outbox.end(conversation == null ? null : conversation.farewell().orElse(null));
            awaitWriter(outbox, connection);
            LOG.debug("chat client {} left: {}", client, reason);
        }
    }

    private IrcSession irc(Connection connection, Client client, LoginDeadline in, String firstLine) {
        return new IrcSession(chat, config, connection, client, in, firstLine, clock);
    }

    private static void awaitWriter(Outbox outbox, Connection connection) {
        try {
            if (!outbox.awaitFinished(FLUSH_GRACE)) {
                connection.close(); // the client is not reading its last lines; the writer fails and ends
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.close();
        }
    }

    @Override
    public void drain() {
        chat.drain(config.shutdownMessage());
    }
}
