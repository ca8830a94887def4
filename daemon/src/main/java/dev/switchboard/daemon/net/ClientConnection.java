package dev.switchboard.daemon.net;

import dev.switchboard.api.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * An accepted, admitted client: counted, buffered streams over a blocking {@link SocketChannel} (whose
 * socket adaptor honours read timeouts), with the bookkeeping the idle watchdog needs.
 */
final class ClientConnection implements Connection {

    /**
     * Small on purpose: a chat service holds thousands of mostly idle connections, and bulk reads and
     * writes (echo's 64 KiB, http's files) bypass the buffers anyway.
     */
    private static final int INPUT_BUFFER = 1024;
    private static final int OUTPUT_BUFFER = 4096;

    private final SocketChannel channel;
    private final Socket socket;
    private final String serviceName;
    private final TrafficStats stats;
    private final BooleanSupplier draining;
    private final Runnable onClose;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final CountingInputStream input;
    private final CountingOutputStream output;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final long openedNanos = System.nanoTime();
    private volatile long lastActivityNanos = openedNanos;
    private volatile long idleTimeoutNanos;
    private volatile long bytesIn;
    private volatile long bytesOut;
    private volatile long closedNanos;
    private volatile Thread servingThread;

    ClientConnection(SocketChannel channel, String serviceName, Duration idleTimeout, TrafficStats stats,
                     BooleanSupplier draining, Runnable onClose) throws IOException {
        this.channel = channel;
        this.socket = channel.socket();
        this.serviceName = serviceName;
        this.stats = stats;
        this.draining = draining;
        this.onClose = onClose;
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.remote = (InetSocketAddress) channel.getRemoteAddress();
        this.local = (InetSocketAddress) channel.getLocalAddress();
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        this.input = new CountingInputStream(socket.getInputStream(), INPUT_BUFFER, this::countIn);
        this.output = new CountingOutputStream(socket.getOutputStream(), OUTPUT_BUFFER, this::countOut);
    }

    private void countIn(int n) {
        bytesIn += n; // only the serving thread reads
        stats.bytesIn.add(n);
        lastActivityNanos = System.nanoTime();
    }

    private void countOut(int n) {
        bytesOut += n;
        stats.bytesOut.add(n);
        lastActivityNanos = System.nanoTime();
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void sendFile(FileChannel file, long position, long count) throws IOException {
        Objects.requireNonNull(file, "file");
        output.flush();
        long end = position + count;
        while (position < end) {
            long n = file.transferTo(position, end - position, channel);
            if (n <= 0) {
                if (position >= file.size()) {
                    throw new IOException("file ended " + (end - position) + " bytes short of the range sent");
                }
                continue;
            }
            position += n;
            countOut((int) Math.min(n, Integer.MAX_VALUE));
        }
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public String serviceName() {
        return serviceName;
    }

    @Override
    public Duration idleTimeout() {
        return Duration.ofNanos(idleTimeoutNanos);
    }

    @Override
    public void idleTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive: " + timeout);
        }
        idleTimeoutNanos = timeout.toNanos();
    }

    @Override
    public void readTimeout(Duration timeout) throws IOException {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("read timeout must not be negative: " + timeout);
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(timeout.isZero() ? 0 : 1, timeout.toMillis())));
    }

    @Override
    public boolean isDraining() {
        return draining.getAsBoolean();
    }

    @Override
    public long bytesIn() {
        return bytesIn;
    }

    @Override
    public long bytesOut() {
        return bytesOut;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closedNanos = System.nanoTime();
            try {
                channel.close();
            } catch (IOException e) {
                // closing a socket that is already broken: nothing left to release
            }
            onClose.run();
        }
    }

    /** Sends what the handler left in the buffer; the client may already be gone. */
    void flushQuietly() {
        if (!closed.get()) {
            try {
                output.flush();
            } catch (IOException e) {
                // the client left before reading its last bytes
            }
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    boolean isIdle(long nowNanos) {
        return nowNanos - lastActivityNanos > idleTimeoutNanos;
    }

    long openedNanos() {
        return openedNanos;
    }

    long closedNanos() {
        return closedNanos;
    }

    void servingThread(Thread thread) {
        servingThread = thread;
    }

    Thread servingThread() {
        return servingThread;
    }

    @Override
    public String toString() {
        return serviceName + " client " + remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }
}
