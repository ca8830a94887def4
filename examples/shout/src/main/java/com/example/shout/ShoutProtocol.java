package com.example.shout;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Connection;
import dev.switchboard.api.Handler;
import dev.switchboard.api.LineReader;
import dev.switchboard.api.LineTooLongException;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * A line protocol: every line a client sends comes back in upper case; {@code quit} ends the session.
 *
 * <pre>{@code
 * services:
 *   shout:
 *     port: 7001
 *     max-line: 1024     # the default; longer lines are refused, the session goes on
 * }</pre>
 */
@Extension
public final class ShoutProtocol implements Protocol {

    @Override
    public String name() {
        return "shout";
    }

    @Override
    public Handler open(ServiceContext context) throws ConfigException {
        int maxLine = context.settings().integer("max-line", 1024, 16, 65536);
        return client -> serve(client, maxLine);
    }

    /** One client, on its own (virtual) thread: plain blocking reads and writes. */
    static void serve(Connection client, int maxLine) throws IOException {
        LineReader lines = client.lines(maxLine);
        OutputStream out = client.output();
        while (true) {
            Optional<String> line;
            try {
                line = lines.readLine();
            } catch (LineTooLongException e) {
                out.write(("line too long (max " + e.limit() + " bytes)\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                continue;
            }
            if (line.isEmpty() || line.get().equalsIgnoreCase("quit")) {
                return;
            }
            out.write((line.get().toUpperCase(Locale.ROOT) + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
