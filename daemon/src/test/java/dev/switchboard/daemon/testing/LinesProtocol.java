package dev.switchboard.daemon.testing;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Connection;
import dev.switchboard.api.Handler;
import dev.switchboard.api.LineReader;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Test protocol {@code lines}: echoes each line with an optional {@code prefix}; the line {@code throw}
 * makes the handler throw, as a buggy plugin would. Records {@link Handler#drain()} in {@link Recorder}.
 * Found on the test class path, as a plugin's tests find theirs.
 */
@Extension
public final class LinesProtocol implements Protocol {

    @Override
    public String name() {
        return "lines";
    }

    @Override
    public Handler open(ServiceContext context) throws ConfigException {
        String prefix = context.settings().string("prefix", "");
        String service = context.serviceName();
        return new Handler() {
            @Override
            public void serve(Connection client) throws IOException {
                LineReader lines = client.lines(1024);
                for (Optional<String> line; (line = lines.readLine()).isPresent(); ) {
                    if (line.get().equals("throw")) {
                        throw new IllegalStateException("told to throw by the test");
                    }
                    client.output().write((prefix + line.get() + "\r\n").getBytes(StandardCharsets.UTF_8));
                    client.output().flush();
                }
            }

            @Override
            public void drain() {
                Recorder.drained(service);
            }
        };
    }
}
