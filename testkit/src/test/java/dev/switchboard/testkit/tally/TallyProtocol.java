package dev.switchboard.testkit.tally;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Handler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import java.nio.charset.StandardCharsets;
import org.pf4j.Extension;

/** A test protocol with plugin-scoped state: greets each client with its number among all the plugin's clients. */
@Extension
public final class TallyProtocol implements Protocol {

    @Override
    public String name() {
        return "tally";
    }

    @Override
    public Handler open(ServiceContext context) throws ConfigException {
        String greeting = context.settings().string("greeting", "client");
        Tally tally = context.pluginState(Tally.class, Tally::new);
        return client -> {
            client.output().write((greeting + " " + tally.next() + "\r\n").getBytes(StandardCharsets.US_ASCII));
            client.output().flush();
        };
    }
}
