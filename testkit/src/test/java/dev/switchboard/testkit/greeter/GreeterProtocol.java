package dev.switchboard.testkit.greeter;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Handler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.pf4j.Extension;

/** A test protocol: answers every line with "GREETING, LINE"; the tests also pack it into plugin JARs. */
@Extension
public final class GreeterProtocol implements Protocol {

    @Override
    public String name() {
        return "greeter";
    }

    @Override
    public Handler open(ServiceContext context) throws ConfigException {
        String greeting = context.settings().string("greeting", "hello");
        return client -> {
            Optional<String> line;
            while ((line = client.lines(256).readLine()).isPresent()) {
                client.output().write((greeting + ", " + line.get() + "\r\n").getBytes(StandardCharsets.UTF_8));
                client.output().flush();
            }
        };
    }
}
