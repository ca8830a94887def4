package dev.switchboard.testkit;

import dev.switchboard.api.Connection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Connection} without a socket, for unit tests of a {@link dev.switchboard.api.Handler}: the
 * test gives the client's bytes, runs {@code serve} on its own thread, and reads what the handler
 * flushed. Like Netty's {@code EmbeddedChannel}, it needs no threads and runs in microseconds.
 *
 * <p>Time is a {@link ManualClock}. When the handler reads and no input is left:
 * <ul>
 *   <li>after {@link #endInput()} (or {@link #withInput}), the read sees end of stream;</li>
 *   <li>otherwise, with a {@link #readTimeout read timeout} set, the clock moves forward by it and the
 *       read fails with {@link SocketTimeoutException}, as on a socket whose client stays silent;</li>
 *   <li>otherwise the clock moves forward by the idle timeout and the connection closes, as the daemon
 *       closes an idle one.</li>
 * </ul>
 * Only what the handler flushed counts as sent: {@link #unflushed()} shows a forgotten {@code flush()}.
 *
 * <pre>{@code
 * MemoryConnection client = MemoryConnection.withInput("world\r\nquit\r\n");
 * handler.serve(client);
 * assertEquals(List.of("hello, world", "bye"), client.writtenLines());
 * }</pre>
 *
 * Thread-safe, but a read never waits for input: feed the client's bytes before the handler reads them.
 */
public final class MemoryConnection implements Connection {

    private final ManualClock clock;
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private final ByteArrayOutputStream flushed = new ByteArrayOutputStream();
    private final ByteArrayOutputStream buffered = new ByteArrayOutputStream();
    private final InputStream input = new Input();
    private final OutputStream output = new Output();
    private InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 40000);
    private InetSocketAddress local = new InetSocketAddress("127.0.0.1", 7);
    private String serviceName = "test";
    private Duration idleTimeout = Duration.ofMinutes(5);
    private Duration readTimeout = Duration.ZERO;
    private int position;
    private boolean ended;
    private boolean closed;
    private boolean draining;
    private long bytesIn;
    private long bytesOut;

    private MemoryConnection(ManualClock clock) {
        this.clock = clock;
    }

    /** @return a connection whose client has sent nothing yet and keeps it open; see {@link #feed} */
    public static MemoryConnection open() {
        return new MemoryConnection(new ManualClock(Instant.parse("2026-01-01T00:00:00Z")));
    }

    /** @return a connection whose client sends these UTF-8 bytes, then closes its sending half */
    public static MemoryConnection withInput(String text) {
        return withInput(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @return a connection whose client sends these bytes, then closes its sending half */
    public static MemoryConnection withInput(byte[] bytes) {
        MemoryConnection c = open();
        c.feed(bytes);
        c.endInput();
        return c;
    }

    /** Adds bytes the client sends. */
    public synchronized MemoryConnection feed(byte[] bytes) {
        if (ended) {
            throw new IllegalStateException("the input has already ended");
        }
        if (bytes.length > 0) {
            pending.add(bytes.clone());
        }
        return this;
    }

    /** Adds UTF-8 text the client sends. */
    public MemoryConnection feed(String text) {
        return feed(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The client closes its sending half: reads past the fed bytes see end of stream. */
    public synchronized MemoryConnection endInput() {
        ended = true;
        return this;
    }

    /** @param address the client's address, as {@link #remoteAddress()} returns it */
    public synchronized MemoryConnection remote(InetSocketAddress address) {
        this.remote = Objects.requireNonNull(address, "address");
        return this;
    }

    /** @param name what {@link #serviceName()} returns */
    public synchronized MemoryConnection service(String name) {
        this.serviceName = Objects.requireNonNull(name, "name");
        return this;
    }

    /** The service begins to drain: {@link #isDraining()} turns true. */
    public synchronized void drain() {
        draining = true;
    }

    /** @return the connection's clock, moved by waits for input; the test may move it too */
    public ManualClock clock() {
        return clock;
    }

    /** @return every byte the handler wrote and flushed, in order */
    public synchronized byte[] written() {
        return flushed.toByteArray();
    }

    /** @return the flushed bytes as UTF-8 */
    public synchronized String writtenText() {
        return flushed.toString(StandardCharsets.UTF_8);
    }

    /** @return the flushed text split into lines at LF, each without its CRLF or LF */
    public List<String> writtenLines() {
        String text = writtenText();
        if (text.isEmpty()) {
            return List.of();
        }
        String[] lines = text.split("\r?\n", -1);
        return Arrays.asList(lines).subList(0, text.endsWith("\n") ? lines.length - 1 : lines.length);
    }

    /** @return bytes written but not yet flushed: a client would not have seen them */
    public synchronized byte[] unflushed() {
        return buffered.toByteArray();
    }

    /** @return whether the handler (or the idle timeout) closed the connection */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** @return the read timeout the handler set last, {@link Duration#ZERO} for none */
    public synchronized Duration readTimeout() {
        return readTimeout;
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
        output.flush();
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(count, 1 << 16));
        long sent = 0;
        while (sent < count) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), count - sent));
            int n = file.read(buffer, position + sent);
            if (n < 0) {
                throw new IOException("the file ended after " + sent + " of " + count + " bytes");
            }
            output.write(buffer.array(), 0, n);
            sent += n;
        }
        output.flush();
    }

    @Override
    public synchronized InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public synchronized InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public synchronized String serviceName() {
        return serviceName;
    }

    @Override
    public synchronized Duration idleTimeout() {
        return idleTimeout;
    }

    @Override
    public synchronized void idleTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive: " + timeout);
        }
        idleTimeout = timeout;
    }

    @Override
    public synchronized void readTimeout(Duration timeout) throws IOException {
        if (closed) {
            throw new IOException("connection closed");
        }
        readTimeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public synchronized boolean isDraining() {
        return draining;
    }

    @Override
    public synchronized long bytesIn() {
        return bytesIn;
    }

    @Override
    public synchronized long bytesOut() {
        return bytesOut;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    /** Never waits: with nothing left to read, the read ends, times out or idles out at once. */
    private synchronized int read(byte[] into, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("connection closed");
        }
        if (len == 0) {
            return 0;
        }
        byte[] head = pending.peek();
        if (head != null) {
            int n = Math.min(len, head.length - position);
            System.arraycopy(head, position, into, off, n);
            position += n;
            if (position == head.length) {
                pending.remove();
                position = 0;
            }
            bytesIn += n;
            return n;
        }
        if (ended) {
            return -1;
        }
        if (!readTimeout.isZero()) {
            clock.advance(readTimeout);
            throw new SocketTimeoutException("no input within " + readTimeout.toMillis() + " ms");
        }
        clock.advance(idleTimeout);
        closed = true;
        throw new IOException("closed: idle for " + idleTimeout.toMillis() + " ms");
    }

    private synchronized void write(byte[] bytes, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("connection closed");
        }
        buffered.write(bytes, off, len);
    }

    private synchronized void flushOutput() throws IOException {
        if (closed && buffered.size() > 0) {
            throw new IOException("connection closed");
        }
        bytesOut += buffered.size();
        buffered.writeTo(flushed);
        buffered.reset();
    }

    private final class Input extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return MemoryConnection.this.read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            return MemoryConnection.this.read(b, off, len);
        }

        @Override
        public int available() {
            synchronized (MemoryConnection.this) {
                return pending.stream().mapToInt(a -> a.length).sum() - position;
            }
        }
    }

    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            MemoryConnection.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            MemoryConnection.this.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            flushOutput();
        }
    }
}
