package testplugins.brokenopen;

import dev.switchboard.api.Handler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import org.pf4j.Extension;

/** Test plugin with a bug: opening a service throws, as no plugin should. */
@Extension
public final class BrokenOpenProtocol implements Protocol {

    @Override
    public String name() {
        return "broken-open";
    }

    @Override
    public Handler open(ServiceContext context) {
        throw new IllegalStateException("broken on purpose by the test plugin");
    }
}
