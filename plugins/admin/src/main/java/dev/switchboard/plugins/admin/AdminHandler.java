package dev.switchboard.plugins.admin;

import dev.switchboard.api.Connection;
import dev.switchboard.api.Handler;
import dev.switchboard.api.LineReader;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Serves one admin client: requests one after another on a persistent connection, each answered by the
 * {@link AdminPages}. A malformed request gets 400 and the connection closes.
 */
final class AdminHandler implements Handler {

    /** A browser sends its next poll within a second or two; an idle connection is closed after this. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final AdminPages pages;

    AdminHandler(AdminPages pages) {
        this.pages = pages;
    }

    @Override
    public void serve(Connection client) throws IOException {
        LineReader lines = client.lines(RequestHead.MAX_LINE, StandardCharsets.ISO_8859_1);
        while (!client.isDraining()) {
            client.readTimeout(REQUEST_TIMEOUT);
            Optional<RequestHead> head;
            try {
                head = RequestHead.read(lines);
            } catch (SocketTimeoutException e) {
                return;
            } catch (RequestHead.Malformed e) {
                Reply.text(400, "Bad Request", e.getMessage() + "\n").write(client.output(), false, false);
                client.output().flush();
                return;
            }
            if (head.isEmpty()) {
                return;
            }
            Reply reply = pages.answer(head.get(), client.remoteAddress().getAddress());
            boolean keepAlive = head.get().keepAlive() && !client.isDraining();
            reply.write(client.output(), head.get().method().equals("HEAD"), keepAlive);
            client.output().flush();
            if (!keepAlive) {
                return;
            }
        }
    }
}
