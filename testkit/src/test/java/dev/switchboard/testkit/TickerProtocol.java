package dev.switchboard.testkit;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Handler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.pf4j.Extension;

/**
 * A test protocol with background work on the daemon's threads: from {@code open}, a tick every 20 ms,
 * counted under the service's {@code tag}; a client is told the count, by a task on the executor.
 */
@Extension
public final class TickerProtocol implements Protocol {

    /** Ticks by tag, for the test to watch (a test fixture's only shared state). */
    static final Map<String, AtomicInteger> TICKS = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "ticker";
    }

    @Override
    public Handler open(ServiceContext context) throws ConfigException {
        String tag = context.settings().required("tag");
        AtomicInteger ticks = TICKS.computeIfAbsent(tag, t -> new AtomicInteger());
        context.every(Duration.ofMillis(20), ticks::incrementAndGet);
        return client -> {
            Thread serving = Thread.currentThread();
            CompletableFuture<String> answer = new CompletableFuture<>();
            context.executor().execute(() -> answer.complete(tag + " " + ticks.get() + " "
                    + (Thread.currentThread() == serving ? "on-the-client's-thread" : "on-a-daemon-thread")));
            client.output().write((answer.join() + "\r\n").getBytes(StandardCharsets.US_ASCII));
            client.output().flush();
        };
    }
}
