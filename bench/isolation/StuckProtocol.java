package bench.isolation;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Connection;
import dev.switchboard.api.Handler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import java.io.IOException;
import java.time.Duration;
import org.pf4j.Extension;

/**
 * A faulty protocol for bench/isolation.sh: after a client's first byte its handler is stuck for
 * {@code hold} (default 20s), ignoring interrupts and the client's close, as a plugin stuck in a lock or
 * a native call would be.
 */
@Extension
public final class StuckProtocol implements Protocol {

    @Override
    public String name() {
        return "stuck";
    }

    @Override
    public Handler open(ServiceContext context) throws ConfigException {
        Duration hold = context.settings().duration("hold", Duration.ofSeconds(20));
        return new Handler() {
            @Override
            public void serve(Connection client) throws IOException {
                client.input().read();
                long until = System.nanoTime() + hold.toNanos();
                for (long left; (left = until - System.nanoTime()) > 0; ) {
                    try {
                        Thread.sleep(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException ignored) {
                        // stuck on purpose: a faulty plugin ignores interrupts
                    }
                }
            }

            @Override
            public void close() {
            }
        };
    }
}
