package dev.switchboard.plugins.admin;

import dev.switchboard.api.Handler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import dev.switchboard.api.StatusSource;
import java.util.Map;
import org.pf4j.Extension;

/** A protocol found on the test class path that publishes a secret report, as netinfo publishes its network. */
@Extension
public final class GuardedReportProtocol implements Protocol {

    static final String SECRET = "mac-02:42:ac:11:00:02";

    @Override
    public String name() {
        return "guarded-report";
    }

    @Override
    public Handler open(ServiceContext context) {
        context.publish(new StatusSource() {
            @Override
            public String name() {
                return "guarded";
            }

            @Override
            public Map<String, Object> snapshot() {
                return Map.of("mac", SECRET);
            }
        });
        return client -> client.output().write("report\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
