package dev.switchboard.api;

import java.util.Map;
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
}
