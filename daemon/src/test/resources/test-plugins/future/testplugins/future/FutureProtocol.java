package testplugins.future;

import dev.switchboard.api.Handler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import org.pf4j.Extension;

/** Test plugin whose manifest asks for a daemon from the future: it must never be loaded. */
@Extension
public final class FutureProtocol implements Protocol {

    @Override
    public String name() {
        return "future";
    }

    @Override
    public Handler open(ServiceContext context) {
        return client -> client.output().write("from the future\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
