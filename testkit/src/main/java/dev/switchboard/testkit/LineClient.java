package dev.switchboard.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real TCP client for line protocols: send a line, expect a line or a pattern. Every wait is bounded
 * by {@link #timeout(Duration)} (five seconds unless changed) and a missed expectation fails the test
 * with what did arrive. Lines are sent with CRLF and read up to LF (a CR before it is dropped).
 *
 * <pre>{@code
 * try (LineClient client = LineClient.connect("127.0.0.1", port)) {
 *     client.expectLine("welcome");
 *     client.send("time");
 *     String when = client.expectLine(Pattern.compile("\\d{2}:\\d{2}")).group();
 * }
 * }</pre>
 *
 * One thread reads and one writes at a time.
 */
public final class LineClient implements AutoCloseable {

    private static final int MAX_LINE = 1 << 20;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Charset charset;
    private Duration timeout = Duration.ofSeconds(5);

    private LineClient(Socket socket, Charset charset) throws IOException {
        this.socket = socket;
        this.in = new java.io.BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.charset = charset;
        socket.setSoTimeout((int) timeout.toMillis());
    }

    /** Connects to {@code host:port}, in UTF-8. */
    public static LineClient connect(String host, int port) {
        return connect(host, port, StandardCharsets.UTF_8);
    }

    /** Connects to {@code host:port}, encoding and decoding lines in {@code charset}. */
    public static LineClient connect(String host, int port, Charset charset) {
        try {
            return new LineClient(new Socket(InetAddress.getByName(host), port), Objects.requireNonNull(charset));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + host + ":" + port, e);
        }
    }

    /** @param timeout how long each expectation waits; the default is five seconds */
    public LineClient timeout(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        try {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Sends the line followed by CRLF. */
    public LineClient send(String line) {
        return sendRaw(line + "\r\n");
    }

    /** Sends the text as it is, with no line ending added. */
    public LineClient sendRaw(String text) {
        try {
            out.write(text.getBytes(charset));
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send to the server", e);
        }
    }

    /**
     * @return the next line
     * @throws AssertionError when the server closes the connection or sends nothing within the timeout
     */
    public String readLine() {
        String line = nextLine();
        if (line == null) {
            throw new AssertionError("the server closed the connection instead of sending a line");
        }
        return line;
    }

    /**
     * @param expected the exact line
     * @throws AssertionError when the next line differs, or none comes
     */
    public void expectLine(String expected) {
        String line = readLine();
        if (!line.equals(expected)) {
            throw new AssertionError("expected the line '" + expected + "' but got '" + line + "'");
        }
    }

    /**
     * @param pattern what the whole next line must match
     * @return the match, for its groups
     * @throws AssertionError when it does not match, or no line comes
     */
    public Matcher expectLine(Pattern pattern) {
        String line = readLine();
        Matcher m = pattern.matcher(line);
        if (!m.matches()) {
            throw new AssertionError("expected a line matching /" + pattern + "/ but got '" + line + "'");
        }
        return m;
    }

    /** Sends a line and returns the next line that comes back. */
    public String ask(String line) {
        send(line);
        return readLine();
    }

    /**
     * Waits for the server to close the connection (end of stream or reset).
     *
     * @throws AssertionError when a line arrives instead, or nothing happens within the timeout
     */
    public void expectClosed() {
        String line;
        try {
            line = nextLine();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof SocketException) {
                return; // reset: closed as well
            }
            throw e;
        }
        if (line != null) {
            throw new AssertionError("expected the server to close the connection, got the line '" + line + "'");
        }
    }

    /** Closes the sending half: the server reads end of stream. */
    public void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the address the server sees this client as */
    public InetAddress localAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the next line without its ending, or null at end of stream */
    private String nextLine() {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, n, charset);
                }
                if (line.size() == MAX_LINE) {
                    throw new AssertionError("the server sent a line longer than " + MAX_LINE + " bytes");
                }
                line.write(b);
            }
            if (line.size() > 0) {
                throw new AssertionError("the server closed the connection in the middle of a line: '"
                        + line.toString(charset) + "'");
            }
            return null;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no line from the server within " + timeout.toMillis() + " ms"
                    + (line.size() > 0 ? " (got '" + line.toString(charset) + "' without a line ending)" : ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
