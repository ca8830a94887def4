package dev.switchboard.daemon.status;

import dev.switchboard.api.DaemonStatus;
import dev.switchboard.api.ServiceActivity;
import dev.switchboard.api.ServiceStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Assembles the daemon's status from its services, every status source, the recent history, the recent
 * log trouble and the reload counts, fresh on each call, as the viewer may see it.
 */
public final class StatusBoard {

    private final String version;
    private final Instant started;
    private final String threadMode;
    private final Clock clock;
    private final ActivityRecorder history = new ActivityRecorder();
    private final RecentTrouble trouble = RecentTrouble.installed();
    private final LongAdder reloadsApplied = new LongAdder();
    private final LongAdder reloadsRefused = new LongAdder();

    public StatusBoard(String version, Instant started, String threadMode, Clock clock) {
        this.version = version;
        this.started = started;
        this.threadMode = threadMode;
        this.clock = clock;
    }

    /** @return the history the daemon samples into */
    public ActivityRecorder history() {
        return history;
    }

    /** Counts a reload by its outcome. */
    public void reloaded(boolean applied) {
        (applied ? reloadsApplied : reloadsRefused).increment();
    }

    /**
     * @param services each service's status
     * @param sections every source, plugin-wide and per service, with its name and audience
     * @param viewer who is asking: sections and activity it may not see are left out, not even asked for
     * @param activity the activity of the services the viewer may see
     * @return the snapshot
     */
    public DaemonStatus snapshot(List<ServiceStatus> services, List<StatusSection> sections, Viewer viewer,
                                 List<ServiceActivity> activity) {
        Map<String, Map<String, Object>> snapshots = new TreeMap<>();
        for (StatusSection section : sections) {
            if (section.visibleTo(viewer)) {
                snapshots.put(section.name(), section.values());
            }
        }
        Map<String, Long> reloads = new LinkedHashMap<>();
        reloads.put("applied", reloadsApplied.sum());
        reloads.put("refused", reloadsRefused.sum());
        return new DaemonStatus(version, started, Duration.between(started, clock.instant()), jvm(), threadMode,
                services, snapshots, history.snapshot(viewer, sections), activity, trouble.lines(), reloads);
    }

    private static String jvm() {
        return System.getProperty("java.vm.name", "Java") + " " + System.getProperty("java.version", "?");
    }
}
