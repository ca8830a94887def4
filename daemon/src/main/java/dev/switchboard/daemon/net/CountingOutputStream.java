package dev.switchboard.daemon.net;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.IntConsumer;

/**
 * A buffered output stream that reports every chunk written to the socket. Unsynchronized: a
 * connection's output belongs to the thread serving it.
 */
final class CountingOutputStream extends OutputStream {

    private final OutputStream out;
    private final IntConsumer onWrite;
    private final byte[] buffer;
    private int count;

    CountingOutputStream(OutputStream out, int bufferSize, IntConsumer onWrite) {
        this.out = out;
        this.onWrite = onWrite;
        this.buffer = new byte[bufferSize];
    }

    @Override
    public void write(int b) throws IOException {
        if (count == buffer.length) {
            flushBuffer();
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len >= buffer.length) {
            flushBuffer();
            out.write(b, off, len);
            onWrite.accept(len);
            return;
        }
        if (len > buffer.length - count) {
            flushBuffer();
        }
        System.arraycopy(b, off, buffer, count, len);
        count += len;
    }

    @Override
    public void flush() throws IOException {
        flushBuffer();
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
