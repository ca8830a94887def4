package dev.switchboard.daemon.net;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.IntConsumer;

/**
 * A buffered output stream that reports every chunk written to the socket. Unsynchronized: one thread
 * at a time writes a connection's output. Writes at least as large as the largest buffer bypass it.
 * The buffer starts small, grows as a burst of writes needs it, and is let go at every flush: an idle
 * connection holds none, and a chat line or an HTTP head costs a few hundred bytes, not kilobytes.
 */
final class CountingOutputStream extends OutputStream {

    private final OutputStream out;
    private final IntConsumer onWrite;
    private static final int FIRST_BUFFER = 256;

    private final int bufferSize;
    private byte[] buffer; // held only between a small write and the next flush

    private int count;

    CountingOutputStream(OutputStream out, int bufferSize, IntConsumer onWrite) {
        this.out = out;
        this.onWrite = onWrite;
        this.bufferSize = bufferSize;
    }

    @Override
    public void write(int b) throws IOException {
        makeRoom(1);
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len >= bufferSize) {
            flushBuffer();
            out.write(b, off, len);
            onWrite.accept(len);
            return;
        }
        makeRoom(len);
        System.arraycopy(b, off, buffer, count, len);
        count += len;
    }

    /** Ensures {@code len} (less than bufferSize) more bytes fit: allocate, grow, or send what is held. */
    private void makeRoom(int len) throws IOException {
        if (buffer == null) {
            buffer = new byte[Math.min(bufferSize, Math.max(FIRST_BUFFER, Integer.highestOneBit(len) << 1))];
        } else if (len > buffer.length - count) {
            if (buffer.length < bufferSize) {
                int size = buffer.length;
                while (size < bufferSize && size - count < len) {
                    size <<= 1;
                }
                buffer = java.util.Arrays.copyOf(buffer, Math.min(size, bufferSize));
            }
            if (len > buffer.length - count) {
                flushBuffer();
            }
        }
    }

    @Override
    public void flush() throws IOException {
        flushBuffer();
        // Thousands of idle chat users would otherwise each pin a buffer: a new one costs less than that.
        buffer = null;
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }

    private void flushBuffer() throws IOException {
        if (count > 0) {
            int n = count;
            count = 0; // a failed write is not retried: the connection is going down anyway
            out.write(buffer, 0, n);
            onWrite.accept(n);
        }
    }
}
