package testplugins.hanger;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Connection;
import dev.switchboard.api.Handler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import java.io.IOException;
import java.time.Duration;
import org.pf4j.Extension;

/**
 * Faulty test plugin: echoes bytes, but its open, drain and close take as long as the settings
 * open-takes, drain-takes and close-takes say (default 0s), swallowing interrupts, as a plugin stuck in
 * a lifecycle call would. It prints a line when open starts, so a test knows the daemon is waiting in it.
 */
@Extension
public final class HangerProtocol implements Protocol {

    @Override
    public String name() {
        return "hanger";
    }

    @Override
    public Handler open(ServiceContext context) throws ConfigException {
        Duration opening = context.settings().duration("open-takes", Duration.ZERO);
        Duration draining = context.settings().duration("drain-takes", Duration.ZERO);
        Duration closing = context.settings().duration("close-takes", Duration.ZERO);
        System.out.println("hanger: open of " + context.serviceName() + " takes " + opening);
        System.out.flush();
        hang(opening);
        return new Handler() {
            @Override
            public void serve(Connection client) throws IOException {
                for (int b; (b = client.input().read()) >= 0; ) {
                    client.output().write(b);
                    client.output().flush();
                }
            }

            @Override
            public void drain() {
                hang(draining);
            }

            @Override
            public void close() {
                hang(closing);
            }
        };
    }

    private static void hang(Duration time) {
        long end = System.nanoTime() + time.toNanos();
        for (long left; (left = end - System.nanoTime()) > 0; ) {
            try {
                Thread.sleep(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                // swallowed: that is the fault being tested
            }
        }
    }
}
