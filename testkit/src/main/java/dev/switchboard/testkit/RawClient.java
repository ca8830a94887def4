package dev.switchboard.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * A real TCP client that sends and expects bytes, for binary protocols and for malformed input. Every
 * wait is bounded by {@link #timeout(Duration)} (five seconds unless changed); a missed expectation
 * fails the test with what did arrive.
 *
 * <pre>{@code
 * try (RawClient client = RawClient.connect("127.0.0.1", port)) {
 *     client.send(new byte[] {0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o'});
 *     byte[] answer = client.readExactly(9);
 * }
 * }</pre>
 *
 * One thread reads and one writes at a time.
 */
public final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private Duration timeout = Duration.ofSeconds(5);

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        socket.setSoTimeout((int) timeout.toMillis());
    }

    /** Connects to {@code host:port}. */
    public static RawClient connect(String host, int port) {
        try {
            return new RawClient(new Socket(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + host + ":" + port, e);
        }
    }

    /** @param timeout how long each read waits; the default is five seconds */
    public RawClient timeout(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        try {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Sends the bytes now. */
    public RawClient send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send to the server", e);
        }
    }

    /**
     * @param n how many bytes to wait for
     * @return exactly {@code n} bytes
     * @throws AssertionError when the server closes the connection or stalls first
     */
    public byte[] readExactly(int n) {
        byte[] bytes = new byte[n];
        int got = 0;
        try {
            while (got < n) {
                int r = in.read(bytes, got, n - got);
                if (r == -1) {
                    throw new AssertionError("the server closed the connection after " + got + " of " + n
                            + " bytes: " + Arrays.toString(Arrays.copyOf(bytes, got)));
                }
                got += r;
            }
            return bytes;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("got " + got + " of " + n + " bytes within " + timeout.toMillis() + " ms: "
                    + Arrays.toString(Arrays.copyOf(bytes, got)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param expected the bytes that must come next
     * @throws AssertionError when different bytes, or too few, arrive
     */
    public void expect(byte[] expected) {
        byte[] got = readExactly(expected.length);
        if (!Arrays.equals(got, expected)) {
            throw new AssertionError("expected " + Arrays.toString(expected) + " but got " + Arrays.toString(got));
        }
    }

    /**
     * @return every byte until the server closes the connection
     * @throws AssertionError when it does not close within the timeout (counted per read)
     */
    public byte[] readUntilClosed() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            int r;
            while ((r = in.read(chunk)) != -1) {
                all.write(chunk, 0, r);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection within " + timeout.toMillis()
                    + " ms (got " + all.size() + " bytes)");
        } catch (SocketException e) {
            // reset: closed as well
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toByteArray();
    }

    /**
     * @throws AssertionError when anything arrives before the server closes, or it does not close in time
     */
    public void expectClosed() {
        byte[] rest = readUntilClosed();
        if (rest.length > 0) {
            throw new AssertionError("expected the server to close the connection, got " + rest.length + " more bytes");
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

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
