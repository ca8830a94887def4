package dev.switchboard.daemon.cli;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns signals into events for the main thread: SIGTERM and SIGINT into an orderly stop (so the daemon
 * can drain and exit 0, which a shutdown hook cannot do), SIGHUP into a reload. The handlers only queue;
 * the work happens on the main thread, one event at a time.
 */
final class Signals {

    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    /** Logged when SIGHUP was ignored before the JVM started; {@link PidFile} tells {@code reload} the same. */
    static final String HUP_IGNORED = "SIGHUP is ignored by this process (it was started under nohup, or by a "
            + "parent that ignores SIGHUP), so kill -HUP and 'switchboard reload' cannot reload it: restart to "
            + "apply a changed configuration, and start it without nohup (under systemd, or with setsid)";

    /** What the main thread is asked to do. */
    enum Event { STOP, RELOAD }

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> stopRequested = new CompletableFuture<>();

    Signals install() {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), s -> {
                received.add("SIG" + s.getName());
                // Told at once, not through the queue: a start or reload in progress gives up its plugin calls.
                stopRequested.complete(null);
            });
        }
        try {
            // A process started with SIGHUP ignored (nohup does that) keeps it ignored: the JVM will not
            // install a handler over SIG_IGN, and says so only by handing SIG_IGN back.
            SignalHandler before = Signal.handle(new Signal("HUP"), s -> received.add("SIGHUP"));
            if (before == SignalHandler.SIG_IGN) {
                log.warn(HUP_IGNORED);
            }
        } catch (IllegalArgumentException e) {
            log.warn("SIGHUP cannot be handled here ({}): kill -HUP and 'switchboard reload' will not reload; "
                    + "restart to apply a changed configuration", e.getMessage());
        }
        return this;
    }

    /**
     * Blocks until a signal arrives.
     *
     * @return the signal's name, e.g. {@code SIGHUP}
     */
    String next() throws InterruptedException {
        return received.take();
    }

    /** @return completed on the first SIGTERM or SIGINT */
    CompletableFuture<Void> stopRequested() {
        return stopRequested;
    }

    static Event meaning(String signal) {
        return signal.equals("SIGHUP") ? Event.RELOAD : Event.STOP;
    }
}
