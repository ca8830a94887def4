package ${package};

import dev.switchboard.api.Connection;
import dev.switchboard.api.Handler;
import dev.switchboard.api.LineReader;
import dev.switchboard.api.LineTooLongException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Serves one client at a time per call, on the daemon's executor; holds no per-client state itself. */
final class ${protocolClass}Handler implements Handler {

    /** The longest line a client may send, in bytes: every read is bounded. */
    static final int MAX_LINE = 512;

    private final String greeting;

    ${protocolClass}Handler(String greeting) {
        this.greeting = greeting;
    }

    @Override
    public void serve(Connection client) throws IOException {
        LineReader lines = client.lines(MAX_LINE);
        OutputStream out = client.output();
        while (true) {
            Optional<String> line;
            try {
                line = lines.readLine();
            } catch (LineTooLongException e) {
                send(out, "line too long: at most " + MAX_LINE + " bytes");
                continue;
            }
            if (line.isEmpty()) {
                return; // the client has gone
            }
            if (line.get().equals("quit")) {
                send(out, "bye");
                return;
            }
            send(out, greeting + ", " + line.get());
        }
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
