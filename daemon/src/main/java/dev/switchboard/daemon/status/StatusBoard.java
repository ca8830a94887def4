package dev.switchboard.daemon.status;

import dev.switchboard.api.DaemonStatus;
import dev.switchboard.api.ServiceStatus;
import dev.switchboard.api.StatusSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Assembles the daemon's status from its services and every status source, fresh on each call. */
public final class StatusBoard {

    private static final Logger log = LoggerFactory.getLogger(StatusBoard.class);

    private final String version;
    private final Instant started;
    private final String threadMode;
    private final Clock clock;

    public StatusBoard(String version, Instant started, String threadMode, Clock clock) {
        this.version = version;
        this.started = started;
        this.threadMode = threadMode;
        this.clock = clock;
    }

    /**
     * @param services each service's status
     * @param sections every source, plugin-wide and per service, with its name and audience
     * @param shown which sections to include; the others are not even asked for their values
     * @return the snapshot
     */
    public DaemonStatus snapshot(List<ServiceStatus> services, List<StatusSection> sections,
                                 Predicate<StatusSection> shown) {
        Map<String, Map<String, Object>> snapshots = new TreeMap<>();
        for (StatusSection section : sections) {
            if (shown.test(section)) {
                snapshots.put(section.name(), snapshotOf(section.name(), section.source()));
            }
        }
        return new DaemonStatus(version, started, Duration.between(started, clock.instant()), jvm(), threadMode,
                services, snapshots);
    }

    private static Map<String, Object> snapshotOf(String name, StatusSource source) {
        try {
            Map<String, Object> snapshot = source.snapshot();
            return snapshot == null ? Map.of() : snapshot;
        } catch (RuntimeException | LinkageError e) {
            log.warn("status source '{}' failed: {}", name, e.toString());
            return Map.of("error", "status source failed: " + e.getClass().getSimpleName());
        }
    }

    private static String jvm() {
        return System.getProperty("java.vm.name", "Java") + " " + System.getProperty("java.version", "?");
    }
}
