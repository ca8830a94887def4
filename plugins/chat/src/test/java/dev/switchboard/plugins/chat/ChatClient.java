package dev.switchboard.plugins.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A line-oriented test user over a real socket; every wait is bounded by the socket's read timeout. */
final class ChatClient implements AutoCloseable {

    static final int TIMEOUT_MILLIS = 5_000;
    /** No wait for a particular line reads more than this many other lines first. */
    private static final int MAX_SKIPPED = 100_000;

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private String nick;

    ChatClient(int port) {
        try {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects, waits for the nickname prompt, takes {@code nick} and waits until it is in its room. */
    static ChatClient login(int port, String nick) {
        ChatClient client = new ChatClient(port);
        client.awaitLineStartingWith("* choose a nickname");
        client.send(nick);
        client.awaitLine("* you are " + nick + "; /help lists the commands");
        client.nick = nick;
        return client;
    }

    /**
     * Logs in {@code count} users named {@code prefix0}, {@code prefix1}, ... in that order. They connect
     * at once, so the server's half-second wait for first bytes (telnet or IRC?) passes for all of them
     * together rather than once per user.
     */
    static List<ChatClient> loginAll(int port, String prefix, int count) {
        List<ChatClient> clients = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            clients.add(new ChatClient(port));
        }
        for (int i = 0; i < count; i++) {
            ChatClient client = clients.get(i);
            client.awaitLineStartingWith("* choose a nickname");
            client.send(prefix + i);
            client.awaitLine("* you are " + prefix + i + "; /help lists the commands");
            client.nick = prefix + i;
        }
        return clients;
    }

    String nick() {
        return nick;
    }

    Socket socket() {
        return socket;
    }

    void send(String line) {
        sendBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    void sendBytes(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the next line; fails the test if none comes in time or the server closed */
    String line() {
        try {
            String line = in.readLine();
            if (line == null) {
                fail("server closed the connection");
            }
            return line;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no line within " + TIMEOUT_MILLIS + " ms", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads lines until one equals {@code expected}; returns the lines before it. */
    List<String> awaitLine(String expected) {
        return awaitMatching(expected::equals, expected).before();
    }

    /** Reads lines until one starts with {@code prefix}; returns that line. */
    String awaitLineStartingWith(String prefix) {
        return awaitMatching(l -> l.startsWith(prefix), prefix + "...").line();
    }

    /** Reads lines until one contains {@code part}; returns that line. */
    String awaitLineContaining(String part) {
        return awaitMatching(l -> l.contains(part), "..." + part + "...").line();
    }

    /** Reads lines until one contains {@code part}; returns the lines before it. */
    List<String> linesBefore(String part) {
        return awaitMatching(l -> l.contains(part), "..." + part + "...").before();
    }

    private record Match(String line, List<String> before) {
    }

    private Match awaitMatching(Predicate<String> match, String description) {
        List<String> before = new ArrayList<>();
        for (int i = 0; i < MAX_SKIPPED; i++) {
            String line;
            try {
                line = line();
            } catch (AssertionError e) {
                throw new AssertionError("waiting for '" + description + "', got " + before, e);
            }
            if (match.test(line)) {
                return new Match(line, before);
            }
            before.add(line);
        }
        throw new AssertionError("no '" + description + "' in " + MAX_SKIPPED + " lines");
    }

    /** Asserts the next line is exactly {@code expected}. */
    void expect(String expected) {
        assertEquals(expected, line());
    }

    /** Reads until the server closes the connection; returns every line read on the way. */
    List<String> readUntilClosed() {
        List<String> lines = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_SKIPPED * 10; i++) {
                String line = in.readLine();
                if (line == null) {
                    return lines;
                }
                lines.add(line);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("connection still open after " + TIMEOUT_MILLIS + " ms; read " + lines, e);
        } catch (IOException e) {
            return lines; // reset by the server: closed too
        }
        throw new AssertionError("connection never closed");
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
