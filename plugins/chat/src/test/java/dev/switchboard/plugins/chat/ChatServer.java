package dev.switchboard.plugins.chat;

import dev.switchboard.daemon.Switchboard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real daemon, in-process on 127.0.0.1 port 0, serving one chat service with the settings given
 * (YAML lines for the service's section) on top of limits that let a test open hundreds of clients.
 */
final class ChatServer implements AutoCloseable {

    private final Path dir;
    private final Switchboard switchboard;
    private boolean closed;

    private ChatServer(Path dir, Switchboard switchboard) {
        this.dir = dir;
        this.switchboard = switchboard;
    }

    static ChatServer start(String... settings) throws Exception {
        Path dir = Files.createTempDirectory("chat-test");
        Path config = dir.resolve("switchboard.yml");
        Files.writeString(config, """
                daemon:
                  bind: 127.0.0.1
                  plugins: %s
                  shutdown-grace: 5s
                defaults:
                  max-connections-per-ip: 2000
                  idle-timeout: 1m
                services:
                  chat:
                    port: 0
                """.formatted(Files.createDirectories(dir.resolve("plugins")))
                + String.join("", java.util.Arrays.stream(settings).map(s -> "    " + s + "\n").toList()));
        return new ChatServer(dir, Switchboard.builder().config(config).start());
    }

    int port() {
        return switchboard.port("chat");
    }

    /** @return the chat service's section of the daemon's status */
    Map<String, Object> status() {
        return switchboard.status().sources().get("chat");
    }

    /** Drains and stops the daemon (returns once every client is gone or the grace time is up); idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        switchboard.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
