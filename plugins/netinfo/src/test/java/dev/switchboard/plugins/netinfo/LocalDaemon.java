package dev.switchboard.plugins.netinfo;

import dev.switchboard.testkit.RawClient;
import dev.switchboard.testkit.TestDaemon;
import java.nio.charset.StandardCharsets;

/** A daemon serving netinfo on a loopback port (the testkit's), and a client that asks it one request. */
final class LocalDaemon implements AutoCloseable {

    private final TestDaemon daemon;

    /** @param settings extra lines for the netinfo service's section, each indented by four spaces */
    LocalDaemon(String settings) {
        daemon = TestDaemon.withConfig("""
                services:
                  netinfo:
                    port: 0
                """ + settings).start();
    }

    TestDaemon daemon() {
        return daemon;
    }

    String ask(String request) {
        return ask(request.getBytes(StandardCharsets.US_ASCII));
    }

    /** Sends the bytes, then reads until the server closes. */
    String ask(byte[] request) {
        try (RawClient client = daemon.rawClient("netinfo")) {
            client.send(request);
            return new String(client.readUntilClosed(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        daemon.close();
    }
}
