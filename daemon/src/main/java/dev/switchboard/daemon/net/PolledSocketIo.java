package dev.switchboard.daemon.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Blocking reads and writes for platform threads on a channel kept in non-blocking mode, waiting for the
 * socket with selectors of its own. Why: on Java 17 a read with a timeout on a blocking channel switches
 * the socket to non-blocking mode and back around every read (four {@code fcntl} calls, more than the
 * read itself costs an HTTP keep-alive request); here the socket is switched once.
 *
 * <p>Reads and writes wait on separate selectors, so one thread can wait for room to write (a chat
 * writer) while another waits for input. Each is opened the first time its kind of wait is needed and
 * closed with the connection.
 */
final class PolledSocketIo implements SocketIo {

    private final SocketChannel channel;
    private final Waiter reads = new Waiter(SelectionKey.OP_READ);
    private final Waiter writes = new Waiter(SelectionKey.OP_WRITE);
    private final InputStream input = new Input();
    private final OutputStream output = new Output();
    private volatile long readTimeoutNanos; // 0: wait forever

    PolledSocketIo(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
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
    public void readTimeout(Duration timeout) {
        readTimeoutNanos = timeout.toNanos();
    }

    @Override
    public long transfer(FileChannel file, long position, long count) throws IOException {
        while (true) {
            long n = file.transferTo(position, count, channel);
            if (n > 0 || position >= file.size()) {
                return n;
            }
            writes.await(0); // the socket's send buffer is full
        }
    }

    @Override
    public void close() {
        // Closing the selectors wakes threads waiting on them and lets the JDK release the closed
        // channel's file descriptor, which it keeps while the channel is registered.
        reads.close();
        writes.close();
    }

    private int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
        long timeout = readTimeoutNanos;
        long deadline = System.nanoTime() + timeout;
        while (true) {
            int n = channel.read(buffer);
            if (n != 0) {
                return n;
            }
            long wait = 0;
            if (timeout > 0) {
                wait = deadline - System.nanoTime();
                if (wait <= 0) {
                    throw new SocketTimeoutException("Read timed out");
                }
            }
            reads.await(wait);
        }
    }

    private void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                writes.await(0);
            }
        }
    }

    /** One selector waiting for one kind of readiness of this channel. */
    private final class Waiter {

        private final int operation;
        private Selector selector; // guarded by this; null until the first wait

        Waiter(int operation) {
            this.operation = operation;
        }

        /**
         * Returns when the socket may be ready, after {@code timeoutNanos} (0: no limit), or when woken;
         * callers retry their operation and check their own deadline.
         */
        void await(long timeoutNanos) throws IOException {
            Selector waiting = selector();
            try {
                waiting.select(timeoutNanos == 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos)));
                waiting.selectedKeys().clear();
            } catch (ClosedSelectorException e) {
                throw new SocketException("Socket closed");
            }
            if (Thread.interrupted()) {
                // As a blocking channel does: an interrupted wait closes the connection.
                channel.close();
                throw new ClosedByInterruptException();
            }
            if (!channel.isOpen()) {
                throw new SocketException("Socket closed");
            }
        }

        private synchronized Selector selector() throws IOException {
            // close() runs after the channel is closed: a closed channel never gets a new selector.
            if (!channel.isOpen()) {
                throw new SocketException("Socket closed");
            }
            if (selector == null) {
                Selector opened = Selector.open();
                try {
                    channel.register(opened, operation);
                } catch (IOException | RuntimeException e) {
                    opened.close();
                    throw e;
                }
                selector = opened;
            }
            return selector;
        }

        synchronized void close() {
            if (selector != null) {
                try {
                    selector.close();
                } catch (IOException e) {
                    // nothing more to release
                }
            }
        }
    }

    private final class Input extends InputStream {

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            return PolledSocketIo.this.read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private final class Output extends OutputStream {

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            PolledSocketIo.this.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
