package dev.switchboard.daemon.testing;

import dev.switchboard.api.Connection;
import dev.switchboard.api.Handler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.pf4j.Extension;

/**
 * Test protocol {@code polite}: greets the client, waits for it to hang up, and when the daemon drains
 * says {@code bye} and returns at once, as a well-behaved plugin does.
 */
@Extension
public final class PoliteProtocol implements Protocol {

    @Override
    public String name() {
        return "polite";
    }

    @Override
    public Handler open(ServiceContext context) {
        return new Handler() {
            @Override
            public void serve(Connection client) throws IOException {
                client.output().write("hello\r\n".getBytes(StandardCharsets.US_ASCII));
                client.output().flush();
                client.readTimeout(Duration.ofMillis(50));
                while (true) {
                    try {
                        if (client.input().read() == -1) {
                            return;
                        }
                    } catch (SocketTimeoutException e) {
                        if (client.isDraining()) {
                            client.output().write("bye\r\n".getBytes(StandardCharsets.US_ASCII));
                            return;
                        }
                    }
                }
            }

            @Override
            public void drain() {
                Recorder.drained(context.serviceName());
            }
        };
    }
}
