package dev.switchboard.plugins.chat.irc;

import dev.switchboard.api.LineTooLongException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads IRC messages: lines ending in CRLF (or LF alone, which clients also send) of at most 512
 * bytes with the line ending (RFC 1459 2.3), plus, when the line starts with {@code @}, up to 4096
 * bytes of message tags (IRCv3 message-tags). A longer line is refused as soon as it passes the limit
 * and the rest of it is skipped as it arrives, so no client can make the server hold more than that.
 * What was read of a line survives a read timeout (the keep-alive check uses one). Not thread-safe.
 */
final class IrcLineReader {

    /** RFC 1459: 512 bytes, CRLF included. */
    static final int MAX_MESSAGE = 510;
    /** IRCv3 message-tags: the tags part, {@code @} and its space included. */
    static final int MAX_TAGS = 4096;

    private final InputStream in;
    private byte[] buffer = new byte[128];
    private int length;
    private int tagsEnd = -1;
    private boolean skipping;

    IrcLineReader(InputStream in) {
        this.in = in;
    }

    /**
     * @return the next line, decoded as UTF-8 (malformed bytes become U+FFFD), without its line
     *     ending; empty at end of stream
     * @throws LineTooLongException when a line passes the limit; the next call skips the rest of it
     */
    Optional<String> readLine() throws IOException {
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                if (skipping) {
                    skipping = false;
                    continue;
                }
                return Optional.of(take());
            }
            if (!skipping) {
                append(b);
            }
        }
        return length > 0 && !skipping ? Optional.of(take()) : Optional.empty();
    }

    private void append(int b) throws LineTooLongException {
        if (length == 0) {
            tagsEnd = b == '@' ? -1 : 0;
        } else if (tagsEnd < 0 && b == ' ') {
            tagsEnd = length + 1;
        }
        int tags = tagsEnd < 0 ? length : tagsEnd;
        // One byte of slack for the CR of the line ending.
        if (tags > MAX_TAGS || length - tags > MAX_MESSAGE + (b == '\r' ? 0 : -1)) {
            length = 0;
            skipping = true;
            throw new LineTooLongException(MAX_MESSAGE + 2);
        }
        if (length == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        buffer[length++] = (byte) b;
    }

    private String take() {
        int end = length > 0 && buffer[length - 1] == '\r' ? length - 1 : length;
        String line = new String(buffer, 0, end, StandardCharsets.UTF_8);
        length = 0;
        if (buffer.length > 1024) {
            buffer = new byte[128]; // a long line once does not make an idle client cost more for good
        }
        return line;
    }
}
