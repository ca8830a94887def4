package dev.switchboard.plugins.chat;

import dev.switchboard.testkit.TestDaemon;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A {@link TestDaemon} serving one chat service with the settings given (YAML lines for the service's
 * section) on top of limits that let a test open hundreds of clients.
 */
final class ChatDaemon {

    private ChatDaemon() {
    }

    /** @return the running daemon, whose service is {@code chat}; closing it drains and stops it */
    static TestDaemon start(String... settings) {
        // Its own daemon section, for a grace long enough to tell hundreds of clients; bind and plugins as by default.
        return TestDaemon.withConfig("""
                daemon:
                  bind: 127.0.0.1
                  plugins: '${plugins}'
                  shutdown-grace: 5s
                defaults:
                  max-connections-per-ip: 2000
                  idle-timeout: 1m
                services:
                  chat:
                    port: 0
                """ + Arrays.stream(settings).map(s -> "    " + s + "\n").collect(Collectors.joining())).start();
    }

    /** @return the chat service's section of the daemon's status */
    static Map<String, Object> status(TestDaemon daemon) {
        return daemon.status().sources().get("chat");
    }
}
