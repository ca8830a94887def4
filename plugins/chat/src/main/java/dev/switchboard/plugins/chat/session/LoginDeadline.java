package dev.switchboard.plugins.chat.session;

import dev.switchboard.api.Connection;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A client's input with one total deadline from connect to a chosen nickname (telnet) or a completed
 * registration (IRC): each read waits only for what is left of it, so a client that dribbles a byte at
 * a time cannot stay in the login for ever (a per-read timeout alone never fires for it). Once
 * {@link #lift() lifted}, reads wait as long as the connection allows.
 */
public final class LoginDeadline extends FilterInputStream {

    private final Connection connection;
    private final long deadlineNanos;
    private boolean lifted;

    /**
     * @param in the client's input (it may begin with bytes already read to tell telnet from IRC)
     * @param connectedNanos when the client connected, by {@link System#nanoTime()}
     */
    public LoginDeadline(InputStream in, Connection connection, Duration timeout, long connectedNanos) {
        super(in);
        this.connection = connection;
        this.deadlineNanos = connectedNanos + timeout.toNanos();
    }

    /** The client has logged in: from now on reads have no deadline (and no read timeout). */
    public void lift() throws IOException {
        lifted = true;
        connection.readTimeout(Duration.ZERO);
    }

    @Override
    public int read() throws IOException {
        armForNextRead();
        return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        armForNextRead();
        return super.read(b, off, len);
    }

    private void armForNextRead() throws IOException {
        if (lifted) {
            return;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("login deadline passed");
        }
        connection.readTimeout(Duration.ofNanos(left));
    }
}
