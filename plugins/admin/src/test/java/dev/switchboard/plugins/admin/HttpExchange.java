package dev.switchboard.plugins.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A curl-like client over a plain socket, from any loopback address (Linux answers on all of 127/8):
 * sends requests as written and reads each answer by its Content-Length.
 */
final class HttpExchange implements AutoCloseable {

    /** One answer as read off the wire. */
    record Answer(int status, Map<String, String> fields, String body) {
        String field(String name) {
            return fields.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Socket socket;
    private final InputStream in;

    HttpExchange(String from, int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(from), 0);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
    }

    /** @return the answer to {@code GET path} with {@code Host: localhost}, on a fresh connection from 127.0.0.1 */
    static Answer get(int port, String path) throws IOException {
        return getFrom("127.0.0.1", port, path);
    }

    static Answer getFrom(String from, int port, String path) throws IOException {
        try (HttpExchange exchange = new HttpExchange(from, port)) {
            return exchange.send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").read(false);
        }
    }

    HttpExchange send(String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /** @param head whether the request was HEAD, whose answer has no body */
    Answer read(boolean head) throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.1 ")) {
            throw new IOException("not a status line: '" + status + "'");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field; !(field = line()).isEmpty(); ) {
            int colon = field.indexOf(':');
            fields.put(field.substring(0, colon).toLowerCase(Locale.ROOT), field.substring(colon + 1).strip());
        }
        int length = head ? 0 : Integer.parseInt(fields.getOrDefault("content-length", "0"));
        return new Answer(Integer.parseInt(status.substring(9, 12)), fields,
                new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    /** @return whether the server closed the connection (after what was read) */
    boolean closedByServer() throws IOException {
        return in.read() == -1;
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b == -1) {
                throw new IOException("closed after '" + line + "'");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
