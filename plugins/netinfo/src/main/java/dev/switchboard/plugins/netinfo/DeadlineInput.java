package dev.switchboard.plugins.netinfo;

import dev.switchboard.api.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A client's input with one deadline for everything read through it, so a client dripping a byte
 * at a time cannot stretch a request past the request timeout: before each read, the connection's
 * read timeout is set to the time that is left.
 */
final class DeadlineInput extends InputStream {

    private final InputStream in;
    private final Connection client;
    private final long deadline;

    DeadlineInput(Connection client, Duration limit) {
        this.in = client.input();
        this.client = client;
        this.deadline = System.nanoTime() + limit.toNanos();
    }

    @Override
    public int read() throws IOException {
        client.readTimeout(remaining());
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        client.readTimeout(remaining());
        return in.read(b, off, len);
    }

    private Duration remaining() throws SocketTimeoutException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("request deadline passed");
        }
        // At least a millisecond: a zero read timeout would mean "wait forever".
        return Duration.ofNanos(Math.max(left, 1_000_000));
    }
}
