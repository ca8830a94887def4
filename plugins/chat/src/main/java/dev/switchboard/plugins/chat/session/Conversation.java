package dev.switchboard.plugins.chat.session;

import java.io.IOException;
import java.util.Optional;

/** One client's conversation in one kind of protocol, run by the thread serving the client. */
public interface Conversation {

    /** Runs until the conversation is over; an {@link IOException} means the client has gone. */
    void run() throws IOException;

    /** @return why the client left, for its rooms */
    String reason();

    /** @return the last line for the client, or empty */
    Optional<String> farewell();
}
