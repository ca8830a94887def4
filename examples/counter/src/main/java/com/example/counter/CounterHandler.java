package com.example.counter;

import dev.switchboard.api.Connection;
import dev.switchboard.api.Handler;
import dev.switchboard.api.LineReader;
import dev.switchboard.api.LineTooLongException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/** One service's clients, all served against the plugin's {@link Counters}, with this service's bound. */
final class CounterHandler implements Handler {

    static final int MAX_LINE = 256;

    private final Counters counters;
    private final int maxCounters;

    CounterHandler(Counters counters, int maxCounters) {
        this.counters = counters;
        this.maxCounters = maxCounters;
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
                reply(out, "error: line too long");
                continue;
            }
            if (line.isEmpty()) {
                return;
            }
            String[] words = line.get().trim().split("\\s+");
            switch (words[0]) {
                case "incr" -> {
                    if (words.length != 2) {
                        reply(out, "error: incr NAME");
                    } else {
                        OptionalLong value = counters.increment(words[1], maxCounters);
                        reply(out, value.isPresent() ? Long.toString(value.getAsLong()) : "error: too many counters");
                    }
                }
                case "get" -> reply(out, words.length == 2 ? Long.toString(counters.get(words[1])) : "error: get NAME");
                case "names" -> reply(out, String.join(" ", counters.values().keySet()));
                case "quit" -> {
                    return;
                }
                default -> reply(out, "error: commands are incr NAME, get NAME, names, quit");
            }
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
