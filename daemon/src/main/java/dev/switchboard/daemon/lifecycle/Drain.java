package dev.switchboard.daemon.lifecycle;

import dev.switchboard.daemon.service.Service;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the clients of services that stopped accepting up to the grace time to finish, then closes the
 * rest and waits a moment for their handlers to return: for a stop, and for the services a reload
 * removes or replaces.
 */
final class Drain {

    private static final Logger log = LoggerFactory.getLogger(Daemon.class);

    private Drain() {
    }

    /** @param after what the grace time follows, for the log ("the stop", "the reload") */
    static void awaitClients(List<Service> services, Duration grace, String after) {
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            for (Service s : services) {
                s.awaitClients(deadline);
            }
            int left = services.stream().mapToInt(Service::clientCount).sum();
            if (left > 0) {
                log.info("closing {} clients still connected {} s after {}", left, grace.toSeconds(), after);
                services.forEach(Service::closeClients);
                long closeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                for (Service s : services) {
                    s.awaitClients(closeDeadline);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            services.forEach(Service::closeClients);
        }
    }
}
