package dev.switchboard.plugins.chat.telnet;

import dev.switchboard.api.LineTooLongException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads chat lines from a raw socket stream that may come from nc or from a telnet client (RFC 854).
 *
 * <p>Lines end in LF, CRLF, CR NUL (telnet's bare carriage return) or a lone CR. Telnet commands
 * ({@code IAC ...}) are consumed here and never reach a line: option requests are refused through
 * {@code replies} (we support no options), subnegotiations are skipped, erase-character and
 * erase-line are applied, as are backspace and DEL typed in a line. Holds at most {@code maxBytes}
 * bytes: a longer line is refused at once and the rest of it skipped as it arrives. Not thread-safe.
 */
public final class TelnetLineReader {

    static final int IAC = 255;
    static final int DONT = 254;
    static final int DO = 253;
    static final int WONT = 252;
    static final int WILL = 251;
    static final int SB = 250;
    static final int EL = 248;
    static final int EC = 247;
    static final int SE = 240;

    private enum State { DATA, AFTER_CR, IAC, OPTION, SUB, SUB_IAC }

    private final InputStream in;
    private final int maxBytes;
    private final Consumer<byte[]> replies;
    private byte[] buffer;
    private int length;
    private State state = State.DATA;
    private int verb;
    private boolean skipping;

    /**
     * @param in the client's (buffered) input
     * @param maxBytes the longest line accepted, in bytes
     * @param replies where telnet negotiation answers go, raw, to be sent to the client
     */
    public TelnetLineReader(InputStream in, int maxBytes, Consumer<byte[]> replies) {
        this.in = Objects.requireNonNull(in, "in");
        this.replies = Objects.requireNonNull(replies, "replies");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
        // Grown on demand so that thousands of idle clients cost little.
        this.buffer = new byte[Math.min(64, maxBytes)];
    }

    /**
     * @return the next line, decoded as UTF-8 (malformed bytes become U+FFFD), or empty at end of stream
     * @throws LineTooLongException as soon as a line passes {@code maxBytes}; the next call skips the rest
     * @throws IOException when reading fails
     */
    public Optional<String> readLine() throws IOException {
        int b;
        while ((b = in.read()) != -1) {
            if (accept(b)) {
                if (skipping) {
                    skipping = false;
                    continue;
                }
                return Optional.of(take());
            }
        }
        if (length > 0 && !skipping) {
            return Optional.of(take());
        }
        return Optional.empty();
    }

    /** @return true when {@code b} ends a line */
    private boolean accept(int b) throws LineTooLongException {
        switch (state) {
            case AFTER_CR:
                state = State.DATA;
                if (b == '\n' || b == 0) {
                    return false; // the second half of CRLF or CR NUL: the line already ended
                }
                return data(b);
            case IAC:
                return command(b);
            case OPTION:
                state = State.DATA;
                refuse(verb, b);
                return false;
            case SUB:
                state = b == IAC ? State.SUB_IAC : State.SUB;
                return false;
            case SUB_IAC:
                state = b == SE ? State.DATA : State.SUB;
                return false;
            default:
                return data(b);
        }
    }

    private boolean data(int b) throws LineTooLongException {
        switch (b) {
            case IAC:
                state = State.IAC;
                return false;
            case '\n':
                return true;
            case '\r':
                state = State.AFTER_CR;
                return true;
            case 0:
                return false;
            case 0x08:
            case 0x7f:
                eraseCharacter();
                return false;
            default:
                append(b);
                return false;
        }
    }

    private boolean command(int b) throws LineTooLongException {
        state = State.DATA;
        switch (b) {
            case IAC:
                append(b); // an escaped 0xFF data byte; never valid UTF-8, so it decodes to U+FFFD
                break;
            case WILL:
            case WONT:
            case DO:
            case DONT:
                verb = b;
                state = State.OPTION;
                break;
            case SB:
                state = State.SUB;
                break;
            case EC:
                eraseCharacter();
                break;
            case EL:
                length = 0;
                break;
            default:
                break; // NOP, GA, AYT, BRK, IP, AO, DM: nothing to do for a line chat
        }
        return false;
    }

    /** Refuses every option: "WILL x" gets "DONT x", "DO x" gets "WONT x"; refusals need no answer. */
    private void refuse(int requested, int option) {
        if (requested == WILL) {
            replies.accept(new byte[] {(byte) IAC, (byte) DONT, (byte) option});
        } else if (requested == DO) {
            replies.accept(new byte[] {(byte) IAC, (byte) WONT, (byte) option});
        }
    }

    private void append(int b) throws LineTooLongException {
        if (skipping) {
            return;
        }
        if (length == maxBytes) {
            skipping = true;
            length = 0;
            throw new LineTooLongException(maxBytes);
        }
        if (length == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxBytes));
        }
        buffer[length++] = (byte) b;
    }

    /** Removes the last character: a whole UTF-8 sequence, not just its last byte. */
    private void eraseCharacter() {
        while (length > 0 && (buffer[length - 1] & 0xC0) == 0x80) {
            length--;
        }
        if (length > 0) {
            length--;
        }
    }

    private String take() {
        String line = new String(buffer, 0, length, StandardCharsets.UTF_8);
        length = 0;
        return line;
    }
}
