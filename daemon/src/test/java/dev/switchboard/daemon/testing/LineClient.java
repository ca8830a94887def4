package dev.switchboard.daemon.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A real TCP client for line protocols, every read bounded by a timeout. */
public final class LineClient implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 5000;

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private LineClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(TIMEOUT_MILLIS);
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    /** Talks over a socket the caller connected (a TLS one, say). */
    public static LineClient over(Socket socket) throws IOException {
        return new LineClient(socket);
    }

    /** Connects to 127.0.0.1. */
    public static LineClient connect(int port) throws IOException {
        return connect("127.0.0.1", port, "127.0.0.1");
    }

    /** Connects to {@code host} from the local address {@code from} (e.g. 127.0.0.2 or ::1). */
    public static LineClient connect(String host, int port, String from) throws IOException {
        return new LineClient(new Socket(InetAddress.getByName(host), port, InetAddress.getByName(from), 0));
    }

    public void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** @return the next line; fails the test when none comes within the timeout */
    public String readLine() throws IOException {
        try {
            String line = in.readLine();
            if (line == null) {
                fail("the server closed the connection instead of sending a line");
            }
            return line;
        } catch (SocketTimeoutException e) {
            return fail("no line from the server within " + TIMEOUT_MILLIS + " ms");
        }
    }

    /** Sends a line and returns the answer. */
    public String ask(String line) throws IOException {
        send(line);
        return readLine();
    }

    /**
     * Waits for the server to close the connection (end of stream or reset), failing the test on any
     * further line or on timeout.
     */
    public void awaitClosedByServer(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        try {
            String line = in.readLine();
            if (line != null) {
                fail("expected the server to close the connection, got the line '" + line + "'");
            }
        } catch (SocketTimeoutException e) {
            fail("the server did not close the connection within " + timeoutMillis + " ms");
        } catch (SocketException e) {
            // reset: closed as well
        } finally {
            socket.setSoTimeout(TIMEOUT_MILLIS);
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
}
