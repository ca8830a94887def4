package dev.switchboard.daemon.net;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.IntConsumer;

/**
 * A buffered output stream that reports every chunk written to the socket. Unsynchronized: one thread
 * at a time writes a connection's output. Writes at least as large as the buffer bypass it, and the
 * buffer is let go at every flush, so an idle connection holds none.
 */
final class CountingOutputStream extends OutputStream {

    private final OutputStream out;
    private final IntConsumer onWrite;
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
        if (buffer == null) {
            buffer = new byte[bufferSize];
        } else if (count == buffer.length) {
            flushBuffer();
        }
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
        if (buffer == null) {
            buffer = new byte[bufferSize];
        } else if (len > buffer.length - count) {
            flushBuffer();
        }
        System.arraycopy(b, off, buffer, count, len);
        count += len;
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
