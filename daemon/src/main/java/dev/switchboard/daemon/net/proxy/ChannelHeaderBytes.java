package dev.switchboard.daemon.net.proxy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;

/**
 * A blocking client socket read for its PROXY header under one total deadline, however the bytes
 * dribble in: the header is what a proxy sends first and at once, so a slow one is not a proxy.
 */
public final class ChannelHeaderBytes implements ProxyHeader.HeaderBytes {

    private final Socket socket;
    private final InputStream in;
    private final long deadlineNanos;
    private long received;

    /**
     * @param channel an accepted connection in blocking mode
     * @param deadlineNanos the {@link System#nanoTime()} by which the whole header must have arrived
     */
    public ChannelHeaderBytes(SocketChannel channel, long deadlineNanos) throws IOException {
        this.socket = channel.socket();
        this.in = socket.getInputStream(); // unbuffered: not a byte past the header is taken
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public byte[] read(int n) throws IOException {
        byte[] bytes = new byte[n];
        int off = 0;
        while (off < n) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("no complete PROXY header in time (" + received + " bytes came)");
            }
            // A proxy sends its header in one segment: when it is all there, a plain read takes it without
            // arming a timer (a timed read costs a timer on a virtual thread, and two fcntl calls on Java 17).
            boolean arrived = in.available() >= n - off;
            socket.setSoTimeout(arrived ? 0 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
            int r;
            try {
                r = in.read(bytes, off, n - off);
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException("no complete PROXY header in time (" + received + " bytes came)");
            } catch (IOException e) {
                // HAProxy ends its checks with a reset (no TIME_WAIT): one before any byte is a check too.
                throw received == 0 ? new NothingSent() : e;
            }
            if (r < 0) {
                throw received == 0 ? new NothingSent() : new EOFException("the connection ended inside its PROXY header");
            }
            off += r;
            received += r;
        }
        socket.setSoTimeout(0); // the client's own reads have the service's idle timeout, not this deadline
        return bytes;
    }

    /** The proxy connected and closed (or reset) without a byte: a plain TCP health check, not a client. */
    public static final class NothingSent extends EOFException {
        NothingSent() {
            super("closed before sending anything (a TCP health check)");
        }
    }
}
