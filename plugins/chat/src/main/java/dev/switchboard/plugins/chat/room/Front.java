package dev.switchboard.plugins.chat.room;

import dev.switchboard.plugins.chat.session.Outbox;

/**
 * How one kind of client (telnet or IRC) is shown what happens: the chat core says what happened as
 * an {@link Event}, and each receiver's front turns it into the line that receiver's software
 * understands. Called under {@link Chat}'s lock, so it must not block.
 */
public interface Front {

    /** @return the line for this client, or null when this client is not shown the event */
    Outbox.Line render(Event event);

    /** @return a notice from the server, given as telnet text ({@code "* ..."}) */
    Outbox.Line notice(String text);

    /** @return the last line before the server closes this client, given as telnet text */
    Outbox.Line closing(String text);
}
