package dev.switchboard.daemon.cli;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns signals into events for the main thread: SIGTERM and SIGINT into an orderly stop (so the daemon
 * can drain and exit 0, which a shutdown hook cannot do), SIGHUP into a reload. The handlers only queue;
 * the work happens on the main thread, one event at a time.
 */
final class Signals {

    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    /** What the main thread is asked to do. */
    enum Event { STOP, RELOAD }

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    Signals install() {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), s -> received.add("SIG" + s.getName()));
        }
        try {
            Signal.handle(new Signal("HUP"), s -> received.add("SIGHUP"));
        } catch (IllegalArgumentException e) {
            log.debug("SIGHUP cannot be handled on this platform");
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

    static Event meaning(String signal) {
        return signal.equals("SIGHUP") ? Event.RELOAD : Event.STOP;
    }
}
