package dev.switchboard.api;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the frames of a binary protocol: exactly so many bytes, big-endian (network order) integers
 * for length prefixes, and frames ending in CRLF or LF with a bound on their length.
 *
 * <p>Like {@link LineReader} it holds nothing back: every byte it does not return is still in its
 * source, so frames, lines and plain reads of {@link Connection#input()} can be mixed on one
 * connection, and {@link #hasBuffered()} tells a pipelining client's next request from a wait. Give
 * it a buffered stream, such as {@link Connection#input()} ({@link Connection#frames()} does). Not
 * thread-safe: one reader per connection, used by its handler.
 *
 * <pre>{@code
 * FrameReader frames = client.frames();
 * while (true) {
 *     int length = frames.readUnsignedShort();     // EOFException when the client is gone
 *     byte[] request = frames.readExactly(length);
 *     client.output().write(answer(request));
 *     if (!frames.hasBuffered()) {
 *         client.output().flush();                 // one write for a pipelined batch
 *     }
 * }
 * }</pre>
 */
public final class FrameReader {

    /** How a delimited frame ends. */
    public enum Ending {
        /** A line feed; a carriage return before it belongs to the frame. */
        LF,
        /** A carriage return and line feed; either alone belongs to the frame. */
        CRLF
    }

    private final InputStream in;
    private byte[] buffer = new byte[64];
    private boolean skippingOverlong;

    /** @param in where the bytes come from; ideally buffered */
    public FrameReader(InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    /**
     * @param length how many bytes to read
     * @return exactly that many bytes (a new array)
     * @throws EOFException when the stream ends first
     * @throws IOException when reading fails
     */
    public byte[] readExactly(int length) throws IOException {
        if (length < 0) {
            throw new IllegalArgumentException("negative length: " + length);
        }
        byte[] bytes = new byte[length];
        readExactly(bytes, 0, length);
        return bytes;
    }

    /**
     * Fills {@code target[offset, offset + length)}, straight from the source's buffer.
     *
     * @throws EOFException when the stream ends first
     * @throws IOException when reading fails
     */
    public void readExactly(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        int read = in.readNBytes(target, offset, length);
        if (read < length) {
            throw new EOFException("the stream ended after " + read + " of " + length + " bytes");
        }
    }

    /** @return the next byte, 0-255 @throws EOFException at the end of the stream */
    public int readUnsignedByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the stream ended");
        }
        return b;
    }

    /** @return the next two bytes as a big-endian unsigned number, 0-65535 @throws EOFException at the end */
    public int readUnsignedShort() throws IOException {
        return readUnsignedByte() << 8 | readUnsignedByte();
    }

    /** @return the next four bytes as a big-endian signed number @throws EOFException at the end */
    public int readInt() throws IOException {
        return readUnsignedShort() << 16 | readUnsignedShort();
    }

    /**
     * Reads the bytes up to the next {@code ending}, without it and without decoding.
     *
     * @param ending what ends a frame
     * @param maxBytes the longest frame accepted, not counting its ending
     * @return the frame (a new array), or empty when the stream ended first; a last frame without its
     *     ending is returned as it is
     * @throws LineTooLongException when the frame is longer than {@code maxBytes}; the next call skips
     *     the rest of it
     * @throws IOException when reading fails
     */
    public Optional<byte[]> readFrame(Ending ending, int maxBytes) throws IOException {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        if (skippingOverlong && !skipRest(ending)) {
            return Optional.empty();
        }
        // A CRLF frame may hold one CR more than maxBytes until the next byte says whether it ends it.
        int bound = ending == Ending.CRLF ? maxBytes + 1 : maxBytes;
        int length = 0;
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n' && (ending == Ending.LF || (length > 0 && buffer[length - 1] == '\r'))) {
                return Optional.of(Arrays.copyOf(buffer, ending == Ending.LF ? length : length - 1));
            }
            if (length == bound || (length == maxBytes && b != '\r')) {
                skippingOverlong = true;
                throw new LineTooLongException(maxBytes);
            }
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, bound + 1));
            }
            buffer[length++] = (byte) b;
        }
        return length == 0 ? Optional.empty() : Optional.of(Arrays.copyOf(buffer, length));
    }

    /**
     * @return true when bytes have arrived that no read has taken yet, so the next read will not wait
     *     (a pipelined request); false says only that none has arrived so far
     * @throws IOException when the source cannot tell
     */
    public boolean hasBuffered() throws IOException {
        return in.available() > 0;
    }

    /** @return true if the ending was found, false if the stream ended first */
    private boolean skipRest(Ending ending) throws IOException {
        int previous = -1;
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n' && (ending == Ending.LF || previous == '\r')) {
                skippingOverlong = false;
                return true;
            }
            previous = b;
        }
        return false;
    }
}
