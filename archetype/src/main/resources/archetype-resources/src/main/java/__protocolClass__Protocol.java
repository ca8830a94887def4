package ${package};

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Handler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import org.pf4j.Extension;

/**
 * The {@code ${protocol}} protocol: answers every line with a greeting, and {@code quit} with {@code bye}.
 *
 * <pre>{@code
 * services:
 *   ${protocol}:
 *     port: 7000
 *     greeting: hello      # the default
 * }</pre>
 */
@Extension
public final class ${protocolClass}Protocol implements Protocol {

    @Override
    public String name() {
        return "${protocol}";
    }

    /** Reads the settings once per service; must not bind sockets or start threads (check calls it too). */
    @Override
    public Handler open(ServiceContext context) throws ConfigException {
        String greeting = context.settings().string("greeting", "hello");
        if (greeting.isBlank()) {
            throw context.settings().invalid("greeting", "must not be empty");
        }
        return new ${protocolClass}Handler(greeting);
    }
}
