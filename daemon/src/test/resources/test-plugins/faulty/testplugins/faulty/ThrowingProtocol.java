package testplugins.faulty;

import dev.switchboard.api.Connection;
import dev.switchboard.api.Handler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import org.pf4j.Extension;

/** Faulty test plugin: its handler throws on every client, as a bug any client can reach would. */
@Extension
public final class ThrowingProtocol implements Protocol {

    @Override
    public String name() {
        return "throwing";
    }

    @Override
    public Handler open(ServiceContext context) {
        return (Connection client) -> {
            throw new IllegalStateException("a bug in the faulty plugin, reached by " + client.remoteAddress());
        };
    }
}
