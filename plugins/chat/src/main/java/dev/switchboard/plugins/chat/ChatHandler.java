package dev.switchboard.plugins.chat;

import dev.switchboard.api.Connection;
import dev.switchboard.api.Handler;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one chat service. The daemon's thread for a client runs {@link #serve} and only reads; what
 * the client is sent goes through its bounded {@link Outbox}, whose writer task runs on a thread of
 * its own while there is something to send, so that sending to a client never blocks anyone.
 */
final class ChatHandler implements Handler {

    private static final Logger LOG = LoggerFactory.getLogger(ChatHandler.class);
    /** How long a finished conversation waits for its last lines to go out before closing anyway. */
    private static final Duration FLUSH_GRACE = Duration.ofSeconds(2);

    private final ChatConfig config;
    private final Clock clock;
    private final Chat chat;
    // Threads are only made when a task is first scheduled, so `switchboard check` starts none.
    private final ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "chat-closer");
        thread.setDaemon(true);
        return thread;
    });

    ChatHandler(ChatConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.chat = new Chat(config.defaultRoom(), clock);
    }

    /** @return the shared state, for the service's status source */
    Chat chat() {
        return chat;
    }

    @Override
    public void serve(Connection connection) throws IOException {
        Outbox outbox = new Outbox(connection, config.maxQueued(), clock, closer);
        Client client = new Client(outbox, String.valueOf(connection.remoteAddress()));
        Session session = new Session(chat, config, connection, client);
        try {
            if (chat.connect(client)) {
                session.run();
            } else {
                outbox.end(config.shutdownMessage());
            }
        } finally {
            chat.remove(client, session.reason());
            outbox.end(session.farewell().orElse(null));
            awaitWriter(outbox, connection);
            LOG.debug("chat client {} left: {}", client, session.reason());
        }
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

    @Override
    public void close() {
        closer.shutdownNow();
    }
}
