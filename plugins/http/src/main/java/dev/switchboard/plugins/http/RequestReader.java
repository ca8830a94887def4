package dev.switchboard.plugins.http;

import dev.switchboard.api.Connection;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads request heads (RFC 9112 §2–5) from one connection with every limit applied: request line
 * length (414), header section size and field count (431), syntax (400), and a header timeout that
 * counts from a request's first byte, so a client dribbling a byte at a time is cut off (408).
 *
 * <p>It owns the connection's input and buffers it itself, so it always knows, without a system call,
 * whether a pipelined request is already waiting.
 */
final class RequestReader {

    /** RFC 9112 §2.2: empty lines before a request line are ignored; a few, not without bound. */
    private static final int MAX_LEADING_EMPTY_LINES = 4;

    /** How long lingering waits for more bytes before it decides the client has stopped sending. */
    private static final Duration QUIET = Duration.ofMillis(100);

    private final InputStream in;
    private final Connection client;
    private final Duration headerTimeout;
    private final byte[] line = new byte[HttpConfig.MAX_HEADER_BYTES + 1];
    /** Bytes read from the socket and not yet parsed: pipelined requests wait here. */
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private long deadline;

    /**
     * @param in the connection's input
     * @param client the connection, for its read timeout
     * @param headerTimeout the longest a request's head may take to arrive
     */
    RequestReader(InputStream in, Connection client, Duration headerTimeout) {
        this.in = in;
        this.client = client;
        this.headerTimeout = headerTimeout;
    }

    /**
     * Waits for the first bytes of the next request without consuming them.
     *
     * @param idle how long to wait
     * @return true when bytes have arrived; false when the client closed or stayed silent too long
     */
    boolean awaitRequest(Duration idle) throws IOException {
        if (position < limit) {
            return true;
        }
        client.readTimeout(idle);
        try {
            return fill();
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /**
     * @return true when more bytes are buffered: a pipelined request is waiting, so flushing can wait.
     *     Only this reader's own buffer is looked at: asking the socket would cost a system call.
     */
    boolean hasBuffered() {
        return position < limit;
    }

    /**
     * Reads one request head; call after {@link #awaitRequest} said one is coming.
     *
     * @throws HttpError when the head is malformed, too large or too slow
     * @throws EOFException when the client closed in the middle of it
     */
    Request readHead() throws IOException, HttpError {
        deadline = System.nanoTime() + headerTimeout.toNanos();
        String requestLine = "";
        for (int empty = 0; requestLine.isEmpty(); empty++) {
            if (empty > MAX_LEADING_EMPTY_LINES) {
                throw HttpError.fatal(400, "too many empty lines before the request line");
            }
            requestLine = readLine(HttpConfig.MAX_REQUEST_LINE, 414);
        }
        Request partial = RequestLine.parse(requestLine);
        Headers headers = new Headers();
        int headerBytes = 0;
        while (true) {
            String field = readLine(Math.max(0, HttpConfig.MAX_HEADER_BYTES - headerBytes), 431);
            if (field.isEmpty()) {
                break;
            }
            headerBytes += field.length() + 2;
            if (headers.size() == HttpConfig.MAX_HEADER_FIELDS) {
                throw HttpError.fatal(431, "more than " + HttpConfig.MAX_HEADER_FIELDS + " header fields");
            }
            addField(headers, field);
        }
        return new Request(partial.line(), partial.method(), partial.target(), partial.minorVersion(), headers);
    }

    /** Reads and drops {@code length} bytes of a request body, within the header timeout. */
    void discard(long length) throws IOException, HttpError {
        deadline = System.nanoTime() + headerTimeout.toNanos();
        for (long left = length; left > 0; ) {
            if (position == limit && !fillBefore(deadline)) {
                throw new EOFException("client closed inside a request body");
            }
            int n = (int) Math.min(left, limit - position);
            position += n;
            left -= n;
        }
    }

    /**
     * Before closing a connection whose client may still be sending (an unread body), reads and drops
     * what is still arriving, so the close does not reset the connection under the response. Stops
     * after a short quiet spell, {@code time} in all, or {@code maxBytes}.
     */
    void linger(Duration time, long maxBytes) {
        long end = System.nanoTime() + time.toNanos();
        byte[] sink = buffer;
        position = limit;
        try {
            for (long n = 0; n < maxBytes; ) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                client.readTimeout(Duration.ofNanos(Math.min(left, QUIET.toNanos())));
                int read = in.read(sink);
                if (read < 0) {
                    return;
                }
                n += read;
            }
        } catch (IOException e) {
            // quiet, or gone: either way, time to close
        }
    }

    private static void addField(Headers headers, String field) throws HttpError {
        int colon = field.indexOf(':');
        if (colon <= 0) {
            throw HttpError.fatal(400, "header field without a name or colon");
        }
        String name = field.substring(0, colon);
        // RFC 9112 §5.1: no whitespace between name and colon; §5.2: obs-fold is rejected.
        if (!RequestLine.isToken(name)) {
            throw HttpError.fatal(400, "malformed header field name");
        }
        String value = field.substring(colon + 1).strip();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw HttpError.fatal(400, "control character in a header field value");
            }
        }
        headers.add(name, value);
    }

    /** Reads up to LF (CRLF or bare LF), at most {@code max} bytes before it, as ISO-8859-1. */
    private String readLine(int max, int statusWhenLong) throws IOException, HttpError {
        int length = 0;
        while (true) {
            int b = read();
            if (b < 0) {
                throw new EOFException("client closed inside a request head");
            }
            if (b == '\n') {
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                return new String(line, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (length > 0 && line[length - 1] == '\r') {
                throw HttpError.fatal(400, "bare CR in a request head");
            }
            // One byte of slack for the CR of a CRLF, which does not count against the limit.
            if (length == max + 1 || (length == max && b != '\r')) {
                throw HttpError.fatal(statusWhenLong, "request line or header section too long");
            }
            line[length++] = (byte) b;
        }
    }

    private int read() throws IOException, HttpError {
        if (position == limit && !fillBefore(deadline)) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    /** Fills the empty buffer, waiting no later than the deadline (408 after it). */
    private boolean fillBefore(long deadlineNanos) throws IOException, HttpError {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw HttpError.fatal(408, "header timeout");
        }
        // Per read, what is left of the total: a slow drip cannot reset the clock.
        client.readTimeout(Duration.ofNanos(Math.max(left, 1_000_000)));
        try {
            return fill();
        } catch (SocketTimeoutException e) {
            throw HttpError.fatal(408, "header timeout");
        }
    }

    /** @return false at the end of the input */
    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
