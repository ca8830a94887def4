package dev.switchboard.daemon.status;

import dev.switchboard.api.StatusSource;
import dev.switchboard.daemon.config.AccessPolicy;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * A status source, the name it is shown under, and the access rules of the services it belongs to: a
 * client sees the section only if every one of those services would admit it.
 *
 * @param name the name in the status, e.g. {@code "network"} or {@code "chat@lobby"}
 * @param source where the values come from
 * @param audience the access rules of the services the source belongs to; empty for a source of no service
 * @param service the service that published it, or empty for a plugin-wide source
 */
public record StatusSection(String name, StatusSource source, List<AccessPolicy> audience, String service) {

    public StatusSection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        audience = List.copyOf(audience);
        Objects.requireNonNull(service, "service");
    }

    /** @return the source's values now; a source that throws is logged and shown as failed, never raised */
    public Map<String, Object> values() {
        try {
            Map<String, Object> snapshot = source.snapshot();
            return snapshot == null ? Map.of() : snapshot;
        } catch (RuntimeException | LinkageError e) {
            LoggerFactory.getLogger(StatusSection.class).warn("status source '{}' failed: {}", name, e.toString());
            return Map.of("error", "status source failed: " + e.getClass().getSimpleName());
        }
    }

    /** @return whether this viewer may see the section */
    public boolean visibleTo(Viewer viewer) {
        return viewer.sees(audience);
    }
}
