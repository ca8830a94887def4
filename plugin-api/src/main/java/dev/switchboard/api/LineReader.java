package dev.switchboard.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads lines ending in LF or CRLF with a bound on their length, so no client can make a line protocol
 * buffer unbounded input. Malformed bytes decode to U+FFFD. A last line without a line ending is
 * returned when the stream ends.
 *
 * <p>It reads its source one byte at a time and holds nothing back, so the same stream can be read
 * directly after a line (an HTTP body after its headers, say). Give it a buffered stream, such as
 * {@link Connection#input()}. Not thread-safe.
 *
 * <pre>{@code
 * LineReader lines = new LineReader(client.input(), 512);
 * Optional<String> line;
 * while ((line = lines.readLine()).isPresent()) {
 *     handle(line.get());
 * }
 * }</pre>
 */
public final class LineReader {

    private final InputStream in;
    private final int maxBytes;
    private final Charset charset;
    private byte[] buffer;
    private boolean skippingOverlongLine;

    /**
     * @param in where the bytes come from; ideally buffered
     * @param maxBytes the longest line accepted, in bytes, not counting its line ending
     */
    public LineReader(InputStream in, int maxBytes) {
        this(in, maxBytes, StandardCharsets.UTF_8);
    }

    /**
     * @param in where the bytes come from; ideally buffered
     * @param maxBytes the longest line accepted, in bytes, not counting its line ending
     * @param charset how a line's bytes are decoded
     */
    public LineReader(InputStream in, int maxBytes, Charset charset) {
        this.in = Objects.requireNonNull(in, "in");
        this.charset = Objects.requireNonNull(charset, "charset");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.buffer = new byte[Math.min(maxBytes + 1, 256)];
    }

    /**
     * Reads the next line, without its line ending.
     *
     * @return the line, or empty when the stream has ended
     * @throws LineTooLongException when the line has more than {@code maxBytes} bytes; the next call
     *     skips the rest of it
     * @throws IOException when reading fails
     */
    public Optional<String> readLine() throws IOException {
        int length = next();
        return length < 0 ? Optional.empty() : Optional.of(new String(buffer, 0, length, charset));
    }

    /**
     * Reads the next line as its bytes, without its line ending and without decoding: for protocols
     * whose lines are not text in one charset. The same bound and line endings as {@link #readLine()}.
     *
     * @return the line's bytes (a new array), or empty when the stream has ended
     * @throws LineTooLongException when the line has more than {@code maxBytes} bytes; the next call
     *     skips the rest of it
     * @throws IOException when reading fails
     */
    public Optional<byte[]> readLineBytes() throws IOException {
        int length = next();
        return length < 0 ? Optional.empty() : Optional.of(Arrays.copyOf(buffer, length));
    }

    /** Reads the next line into {@code buffer}: @return its length without the line ending, or -1 at the end */
    private int next() throws IOException {
        if (skippingOverlongLine && !skipRestOfLine()) {
            return -1;
        }
        int length = 0;
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return length > 0 && buffer[length - 1] == '\r' ? length - 1 : length;
            }
            // One byte of slack so a CR that turns out to end the line does not count against the limit.
            if (length == maxBytes + 1 || (length == maxBytes && b != '\r')) {
                skippingOverlongLine = true;
                throw new LineTooLongException(maxBytes);
            }
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxBytes + 1));
            }
            buffer[length++] = (byte) b;
        }
        return length == 0 ? -1 : length;
    }

    /** @return the limit in bytes this reader was made with */
    public int maxBytes() {
        return maxBytes;
    }

    /** @return true if a line ending was found, false if the stream ended first */
    private boolean skipRestOfLine() throws IOException {
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                skippingOverlongLine = false;
                return true;
            }
        }
        return false;
    }
}
