package dev.switchboard.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one service is doing beyond its counters in {@link ServiceStatus}: who is connected, why clients
 * were refused, and how long connections last. Present in a {@link DaemonStatus} only for a client the
 * service's own access rules would admit, since it names the service's clients.
 *
 * <pre>{@code
 * for (ConnectedClient c : activity.clients()) {
 *     out.println(c.address() + " idle " + c.idle().toSeconds() + " s");
 * }
 * if (activity.otherClients() > 0) out.println("and " + activity.otherClients() + " more");
 * }</pre>
 *
 * @param service the service's name
 * @param clients the connected clients that moved the most bytes, most first, at most a few dozen
 * @param otherClients how many more are connected but not listed
 * @param refusedByReason clients refused since the service started, by reason: {@code denied} (allow/deny
 *     lists), {@code rate} (connects per second), {@code limit} (a connection limit) and {@code other}
 *     (stopping, no thread free, a bad or untrusted proxy)
 * @param durations how long the connections that have ended lasted
 */
public record ServiceActivity(String service, List<ConnectedClient> clients, long otherClients,
                              Map<String, Long> refusedByReason, Histogram durations) {

    /** Checks for nulls and takes unmodifiable copies, keeping their order. */
    public ServiceActivity {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(durations, "durations");
        clients = List.copyOf(clients);
        refusedByReason = Collections.unmodifiableMap(new LinkedHashMap<>(refusedByReason));
    }
}
