package dev.switchboard.plugins.http;

import dev.switchboard.api.Connection;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * Writes a {@link Response} with its framing (RFC 9112 §6, §9): status line, Date, Server,
 * Content-Length and Connection fields, then the body unless the request was HEAD. File bodies go out
 * through {@link Connection#sendFile}, zero-copy.
 */
final class ResponseWriter {

    /** No version: error pages and headers reveal nothing about what runs here beyond the name. */
    static final String SERVER = "Switchboard";

    private final Clock clock;
    private long dateSecond = Long.MIN_VALUE;
    private String date = "";

    ResponseWriter(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param head true for a HEAD request: fields as for GET, no body
     * @param keepAlive whether the connection stays open after this response
     * @param http10KeepAlive true when an HTTP/1.0 client asked to keep alive and must be told yes
     * @param flush false when a pipelined request is waiting, so the bytes may leave with its response
     * @return the body bytes sent
     */
    long write(Connection client, Response response, boolean head, boolean keepAlive, boolean http10KeepAlive,
            boolean flush) throws IOException {
        StringBuilder out = new StringBuilder(256);
        int status = response.status();
        out.append("HTTP/1.1 ").append(status).append(' ').append(HttpStatus.reason(status)).append("\r\n")
                .append("Date: ").append(date()).append("\r\n")
                .append("Server: ").append(SERVER).append("\r\n")
                .append(response.fields());
        if (response.hasBody()) {
            out.append("Content-Length: ").append(response.contentLength()).append("\r\n");
        }
        if (!keepAlive) {
            out.append("Connection: close\r\n");
        } else if (http10KeepAlive) {
            out.append("Connection: keep-alive\r\n");
        }
        out.append("\r\n");
        OutputStream output = client.output();
        output.write(out.toString().getBytes(StandardCharsets.ISO_8859_1));
        long sent = 0;
        if (!head && response.hasBody()) {
            if (response.file() != null) {
                client.sendFile(response.file(), response.position(), response.contentLength());
            } else {
                output.write(response.bytes(), response.offset(), (int) response.contentLength());
            }
            sent = response.contentLength();
        }
        if (flush || !keepAlive) {
            output.flush();
        }
        return sent;
    }

    /** The Date field changes once a second; format it once a second (one writer per connection). */
    private String date() {
        Instant now = clock.instant();
        if (now.getEpochSecond() != dateSecond) {
            dateSecond = now.getEpochSecond();
            date = HttpDates.format(now);
        }
        return date;
    }
}
