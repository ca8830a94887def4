package dev.switchboard.daemon.cli;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into an orderly stop on the main thread (so the daemon can drain and exit 0,
 * which a shutdown hook cannot do), and keeps SIGHUP from killing the JVM.
 */
final class Signals {

    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile String received = "";

    Signals install() {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), s -> {
                received = "SIG" + s.getName();
                stop.countDown();
            });
        }
        try {
            Signal.handle(new Signal("HUP"), s -> log.warn("SIGHUP received: reloading is not supported yet; "
                    + "restart the daemon to apply configuration changes"));
        } catch (IllegalArgumentException e) {
            log.debug("SIGHUP cannot be handled on this platform");
        }
        return this;
    }

    /** Blocks until SIGTERM or SIGINT arrives. */
    String awaitStop() throws InterruptedException {
        stop.await();
        return received;
    }
}
