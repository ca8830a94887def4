package dev.switchboard.api;

import java.util.Map;
import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * Contributes a named section to the daemon's status, which dashboards, JSON endpoints and metrics
 * render without knowing the plugin. Either a PF4J {@code @Extension} (plugin-wide) or published by a
 * handler through {@link ServiceContext#publish(StatusSource)} (per service).
 *
 * <p>The snapshot is taken when asked, possibly from several threads at once, and should be quick.
 * Its values are plain: {@code String}, {@code Number}, {@code Boolean}, {@code List} and {@code Map}
 * of those.
 *
 * <pre>{@code
 * @Extension
 * public final class UptimeSource implements StatusSource {
 *     public String name() { return "host"; }
 *     public Map<String, Object> snapshot() {
 *         return Map.of("load", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
 *     }
 * }
 * }</pre>
 */
public interface StatusSource extends ExtensionPoint {

    /** @return the section's name, e.g. {@code "network"}: lower case letters, digits and {@code -} */
    String name();

    /** @return the current values, built fresh on each call */
    Map<String, Object> snapshot();

    /**
     * Names the counters in the snapshot worth drawing over time: top-level numbers that only grow, such
     * as chat's {@code messages-relayed}. The daemon samples them every few seconds and keeps their
     * per-second rates in its {@linkplain DaemonStatus#history() history}.
     *
     * <pre>{@code
     * public Set<String> rates() { return Set.of("messages-relayed"); }
     * }</pre>
     *
     * @return top-level keys of {@link #snapshot()} whose values are growing counts; none by default
     */
    default Set<String> rates() {
        return Set.of();
    }
}
