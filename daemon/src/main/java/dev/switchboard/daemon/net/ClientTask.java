package dev.switchboard.daemon.net;

import dev.switchboard.api.Handler;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one exception boundary per connection: runs the handler for a client on the shared executor and
 * always closes the client afterwards. Expected disconnects log at DEBUG, handler bugs at WARN with the
 * service's and plugin's names through the service's bounded {@link IncidentLog}; nothing a handler
 * throws reaches another client.
 */
final class ClientTask implements Runnable {

    private static final Logger log = LoggerFactory.getLogger("switchboard.client");

    private final ClientConnection client;
    private final Handler handler;
    private final TrafficStats stats;
    private final IncidentLog failures;
    private final String plugin;
    private final Runnable onFinished;

    /** @param plugin the plugin serving the client, for the log: {@code plugin 'echo' 0.1.0} */
    ClientTask(ClientConnection client, Handler handler, TrafficStats stats, IncidentLog failures, String plugin,
               Runnable onFinished) {
        this.client = client;
        this.handler = handler;
        this.stats = stats;
        this.failures = failures;
        this.plugin = plugin;
        this.onFinished = onFinished;
    }

    @Override
    public void run() {
        log.debug("{}: open", client);
        try {
            client.startServing(Thread.currentThread());
            handler.serve(client);
            client.flushQuietly();
        } catch (IOException e) {
            if (client.isClosed()) {
                log.debug("{}: closed while being served ({})", client, e.toString());
            } else {
                log.debug("{}: connection failed: {}", client, e.toString());
            }
        } catch (VirtualMachineError e) {
            stats.failures.increment();
            if (!(e instanceof StackOverflowError)) {
                log.error("{}: handler ran out of resources; the client was closed", client, e);
                throw e;
            }
            failures.report(client + ": handler overflowed its stack (a bug in " + plugin + "); the client was closed",
                    e, client + ": " + e);
        } catch (Throwable e) {
            stats.failures.increment();
            failures.report(client + ": handler failed (a bug in " + plugin + "; report it to its author); "
                    + "the client was closed, other clients are unaffected", e, client + ": " + e);
        } finally {
            client.close();
            client.servingThread(null);
            log.debug("{}: closed after {} ms, {} bytes in, {} bytes out", client,
                    Duration.ofNanos(System.nanoTime() - client.openedNanos()).toMillis(),
                    client.bytesIn(), client.bytesOut());
            onFinished.run();
        }
    }
}
