package dev.switchboard.plugins.http;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * A response before it is written: status, header fields and a body that is either bytes in memory or
 * a region of an open file (sent zero-copy). {@link ResponseWriter} adds the framing fields.
 */
final class Response implements AutoCloseable {

    private final int status;
    private final StringBuilder fields = new StringBuilder(256);
    private final byte[] bytes;
    private final int offset;
    private final int length;
    private final FileChannel file;
    private final long position;
    private final long count;
    private boolean bodyless;

    private Response(int status, byte[] bytes, int offset, int length, FileChannel file, long position, long count) {
        this.status = status;
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.file = file;
        this.position = position;
        this.count = count;
    }

    /** A response whose body is part of an array (not copied). */
    static Response bytes(int status, String contentType, byte[] body, int offset, int length) {
        return new Response(status, body, offset, length, null, 0, 0).header("Content-Type", contentType);
    }

    static Response bytes(int status, String contentType, byte[] body) {
        return bytes(status, contentType, body, 0, body.length);
    }

    static Response text(int status, String contentType, String body) {
        return bytes(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A response whose body is a region of a file, which this response now owns and closes. */
    static Response file(int status, String contentType, FileChannel file, long position, long count) {
        return new Response(status, null, 0, 0, file, position, count).header("Content-Type", contentType);
    }

    /** A response that has no body by definition, such as 304 (RFC 9110 §15.4.5). */
    static Response withoutBody(int status) {
        Response response = new Response(status, new byte[0], 0, 0, null, 0, 0);
        response.bodyless = true;
        return response;
    }

    Response header(String name, String value) {
        fields.append(name).append(": ").append(value).append("\r\n");
        return this;
    }

    int status() {
        return status;
    }

    CharSequence fields() {
        return fields;
    }

    /** @return false for statuses that carry no Content-Length or body at all */
    boolean hasBody() {
        return !bodyless;
    }

    long contentLength() {
        return file != null ? count : length;
    }

    byte[] bytes() {
        return bytes;
    }

    int offset() {
        return offset;
    }

    /** @return the file to send the body from, or null for an in-memory body */
    FileChannel file() {
        return file;
    }

    long position() {
        return position;
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }
}
