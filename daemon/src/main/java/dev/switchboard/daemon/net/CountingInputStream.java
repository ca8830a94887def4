package dev.switchboard.daemon.net;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.IntConsumer;

/**
 * A buffered input stream that reports every chunk it reads from the socket. Unsynchronized, unlike
 * {@link java.io.BufferedInputStream}: a connection's input belongs to the thread serving it. Reads at
 * least as large as the buffer bypass it, so a small buffer costs bulk transfers nothing.
 */
final class CountingInputStream extends InputStream {

    private final InputStream in;
    private final IntConsumer onRead;
    private final int bufferSize;
    private byte[] buffer; // allocated on first use: many connections never read a byte
    private int position;
    private int limit;

    CountingInputStream(InputStream in, int bufferSize, IntConsumer onRead) {
        this.in = in;
        this.onRead = onRead;
        this.bufferSize = bufferSize;
    }

    @Override
    public int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int buffered = limit - position;
        if (buffered > 0) {
            int n = Math.min(buffered, len);
            System.arraycopy(buffer, position, b, off, n);
            position += n;
            return n;
        }
        if (len >= bufferSize) {
            // A big read goes straight to the socket: no copy through our buffer.
            int n = in.read(b, off, len);
            if (n > 0) {
                onRead.accept(n);
            }
            return n;
        }
        if (!fill()) {
            return -1;
        }
        return read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        return (limit - position) + in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean fill() throws IOException {
        if (buffer == null) {
            buffer = new byte[bufferSize];
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        onRead.accept(n);
        position = 0;
        limit = n;
        return true;
    }
}
