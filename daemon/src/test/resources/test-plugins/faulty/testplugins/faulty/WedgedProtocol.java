package testplugins.faulty;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Connection;
import dev.switchboard.api.Handler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.pf4j.Extension;

/**
 * Faulty test plugin: greets each client with "wedged", then ignores its close and every interrupt for
 * as long as the setting wedged-for says (default 30 s), as a handler stuck in a loop or a lock would.
 */
@Extension
public final class WedgedProtocol implements Protocol {

    @Override
    public String name() {
        return "wedged";
    }

    @Override
    public Handler open(ServiceContext context) throws ConfigException {
        Duration wedged = context.settings().duration("wedged-for", Duration.ofSeconds(30));
        return (Connection client) -> {
            client.output().write("wedged\r\n".getBytes(StandardCharsets.US_ASCII));
            client.output().flush();
            long end = System.nanoTime() + wedged.toNanos();
            for (long left; (left = end - System.nanoTime()) > 0; ) {
                try {
                    Thread.sleep(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    // swallowed: that is the fault being tested
                }
            }
        };
    }
}
