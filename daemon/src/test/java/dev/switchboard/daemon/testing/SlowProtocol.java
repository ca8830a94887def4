package dev.switchboard.daemon.testing;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Connection;
import dev.switchboard.api.Handler;
import dev.switchboard.api.LineReader;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.pf4j.Extension;

/**
 * Test protocol {@code slow}: echoes lines, but its {@code open}, {@code drain} and {@code close} each take
 * as long as the settings {@code open-takes}, {@code drain-takes} and {@code close-takes} say (default 0s),
 * ignoring interrupts, like a plugin stuck in a lifecycle call, unless the test calls
 * {@link Recorder#releaseStuckHandlers()}. Every {@code open} is counted in {@link Recorder#opens}.
 */
@Extension
public final class SlowProtocol implements Protocol {

    @Override
    public String name() {
        return "slow";
    }

    @Override
    public Handler open(ServiceContext context) throws ConfigException {
        String service = context.serviceName();
        Recorder.opened(service);
        Duration opening = context.settings().duration("open-takes", Duration.ZERO);
        Duration draining = context.settings().duration("drain-takes", Duration.ZERO);
        Duration closing = context.settings().duration("close-takes", Duration.ZERO);
        hang(opening);
        return new Handler() {
            @Override
            public void serve(Connection client) throws IOException {
                LineReader lines = client.lines(1024);
                for (Optional<String> line; (line = lines.readLine()).isPresent(); ) {
                    client.output().write((line.get() + "\r\n").getBytes(StandardCharsets.UTF_8));
                    client.output().flush();
                }
            }

            @Override
            public void drain() {
                Recorder.drained(service);
                hang(draining);
            }

            @Override
            public void close() {
                hang(closing);
            }
        };
    }

    /** Sleeps for that long, swallowing interrupts, or until the test releases stuck plugins. */
    private static void hang(Duration time) {
        CountDownLatch release = Recorder.release();
        long end = System.nanoTime() + time.toNanos();
        for (long left; (left = end - System.nanoTime()) > 0; ) {
            try {
                if (release.await(left, TimeUnit.NANOSECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                // a stuck plugin swallows the interrupt: that is what is being tested
            }
        }
    }
}
