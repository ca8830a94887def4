package testplugins.exiter;

import dev.switchboard.api.Connection;
import dev.switchboard.api.Handler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import org.pf4j.Extension;

/** Faulty test plugin: a client's first byte makes it call System.exit(42), as a careless plugin might. */
@Extension
public final class ExitProtocol implements Protocol {

    @Override
    public String name() {
        return "exiter";
    }

    @Override
    public Handler open(ServiceContext context) {
        return (Connection client) -> {
            if (client.input().read() >= 0) {
                System.exit(42);
            }
        };
    }
}
