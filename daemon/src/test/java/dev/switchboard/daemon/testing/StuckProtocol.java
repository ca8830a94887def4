package dev.switchboard.daemon.testing;

import dev.switchboard.api.Connection;
import dev.switchboard.api.Handler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.pf4j.Extension;

/**
 * Test protocol {@code stuck}: greets the client, then never returns and ignores interrupts, like a
 * plugin caught in a loop, until the test calls {@link Recorder#releaseStuckHandlers()} (or 60 s pass,
 * so a failed test cannot leave a thread behind for ever).
 */
@Extension
public final class StuckProtocol implements Protocol {

    private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    @Override
    public String name() {
        return "stuck";
    }

    @Override
    public Handler open(ServiceContext context) {
        return new Handler() {
            @Override
            public void serve(Connection client) throws IOException {
                // Taken before the greeting: a test that read it and then releases is sure to release this handler.
                CountDownLatch release = Recorder.release();
                client.output().write("stuck\r\n".getBytes(StandardCharsets.US_ASCII));
                client.output().flush();
                long end = System.nanoTime() + LIMIT_NANOS;
                while (System.nanoTime() < end) {
                    try {
                        if (release.await(100, TimeUnit.MILLISECONDS)) {
                            return;
                        }
                    } catch (InterruptedException e) {
                        // a stuck plugin swallows the interrupt: that is what is being tested
                    }
                }
            }

            @Override
            public void drain() {
                Recorder.drained(context.serviceName());
            }
        };
    }
}
