package dev.switchboard.testkit;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Handler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import dev.switchboard.api.Settings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.pf4j.Extension;

/** A test protocol that reads a required key and bounded ones, and answers with what it read. */
@Extension
public final class BoundedProtocol implements Protocol {

    @Override
    public String name() {
        return "bounded";
    }

    @Override
    public Handler open(ServiceContext context) throws ConfigException {
        Settings s = context.settings();
        String zone = s.required("zone");
        Duration wait = s.duration("wait", Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(5));
        long buffer = s.size("buffer", 4096, 512, 1024 * 1024);
        String answer = zone + " " + wait.toMillis() + " " + buffer + "\r\n";
        return client -> {
            client.output().write(answer.getBytes(StandardCharsets.US_ASCII));
            client.output().flush();
        };
    }
}
