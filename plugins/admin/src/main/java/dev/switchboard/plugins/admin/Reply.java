package dev.switchboard.plugins.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer: status, content type, body and extra fields. Every answer forbids sniffing, framing and
 * scripts from elsewhere: the pages need nothing but their own origin.
 */
final class Reply {

    private final int status;
    private final String reason;
    private final String type;
    private final byte[] body;
    private final Map<String, String> fields = new LinkedHashMap<>();

    private Reply(int status, String reason, String type, byte[] body) {
        this.status = status;
        this.reason = reason;
        this.type = type;
        this.body = body;
    }

    static Reply bytes(String type, byte[] body) {
        return new Reply(200, "OK", type, body);
    }

    static Reply ok(String type, String body) {
        return bytes(type, body.getBytes(StandardCharsets.UTF_8));
    }

    static Reply text(int status, String reason, String body) {
        return new Reply(status, reason, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    Reply field(String name, String value) {
        fields.put(name, value);
        return this;
    }

    int status() {
        return status;
    }

    void write(OutputStream out, boolean head, boolean keepAlive) throws IOException {
        StringBuilder text = new StringBuilder(256);
        text.append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n")
                .append("Content-Type: ").append(type).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n")
                .append("X-Content-Type-Options: nosniff\r\n")
                .append("Content-Security-Policy: default-src 'self'; frame-ancestors 'none'\r\n")
                .append("Referrer-Policy: no-referrer\r\n");
        fields.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
        if (!keepAlive) {
            text.append("Connection: close\r\n");
        }
        text.append("\r\n");
        out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!head) {
            out.write(body);
        }
    }
}
