package dev.switchboard.daemon.lifecycle;

import dev.switchboard.daemon.service.PluginCall;
import dev.switchboard.daemon.service.Service;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of taking services away, each with a deadline: their handlers drain side by side, their
 * clients get up to the grace time to finish, the rest are closed and their handlers get a moment to
 * return, then the handlers close side by side. For a stop, and for the services a reload removes or
 * replaces.
 */
final class Drain {

    /** How long handlers get to return once their clients are closed. */
    static final Duration HANDLERS_RETURN = Duration.ofSeconds(1);
    /** What every {@code close()} gets even when a stop has spent its time: enough for a well-behaved one. */
    static final Duration CLOSE_AT_LEAST = Duration.ofMillis(200);

    private static final Logger log = LoggerFactory.getLogger(Daemon.class);

    private Drain() {
    }

    /** Starts every running service's {@code drain()} at once and waits for them until the deadline. */
    static void drainAll(List<Service> services, long deadlineNanos) {
        awaitAll(services, Service::startDrain, deadlineNanos);
    }

    /** Starts every service's {@code close()} at once and waits for them until the deadline. */
    static void closeAll(List<Service> services, long deadlineNanos) {
        awaitAll(services, Service::startClose, deadlineNanos);
    }

    private static void awaitAll(List<Service> services,
                                 Function<Service, Optional<PluginCall<Void, RuntimeException>>> start,
                                 long deadlineNanos) {
        List<PluginCall<Void, RuntimeException>> calls = services.stream().map(start).flatMap(Optional::stream)
                .toList();
        calls.forEach(call -> call.awaitQuietly(deadlineNanos));
    }

    /**
     * Waits for the services' clients until {@code clientsDeadline}, then closes the rest and waits for
     * their handlers to return for {@link #HANDLERS_RETURN}, but not past {@code lastDeadline}.
     *
     * @param after what the grace time follows, for the log ("the stop", "the reload")
     */
    static void awaitClients(List<Service> services, long clientsDeadline, long lastDeadline, String after) {
        try {
            for (Service s : services) {
                s.awaitClients(clientsDeadline);
            }
            int left = services.stream().mapToInt(Service::clientCount).sum();
            if (left > 0) {
                log.info("closing {} clients still connected after {}'s grace time", left, after);
                services.forEach(Service::closeClients);
                long closeDeadline = Math.min(System.nanoTime() + HANDLERS_RETURN.toNanos(), lastDeadline);
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
