package dev.switchboard.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The daemon at a moment: what dashboards and metrics endpoints render.
 *
 * <pre>{@code
 * DaemonStatus status = context.status();
 * String line = "up " + status.uptime().toMinutes() + " min, " + status.services().size() + " services";
 * }</pre>
 *
 * @param version the daemon's version, e.g. {@code "0.1.0"}
 * @param started when the daemon started
 * @param uptime how long it has been running
 * @param jvm the Java runtime, e.g. {@code "OpenJDK 64-Bit Server VM 21.0.5"}
 * @param threadMode how client work runs: {@code "virtual"} or {@code "platform:N"}
 * @param services every configured service, in configuration order
 * @param sources each {@link StatusSource}'s snapshot by its name, sorted by name
 * @param history the recent past of each service and of each section with {@linkplain StatusSource#rates()
 *     rates}, in configuration order then by name; empty where the daemon keeps none
 * @param activity each service's clients, refusals and connection durations, in configuration order
 * @param recentTrouble the latest WARN and ERROR lines of the daemon's log, newest first
 * @param reloads reloads since the daemon started, by outcome: {@code applied} and {@code refused}
 */
public record DaemonStatus(
        String version,
        Instant started,
        Duration uptime,
        String jvm,
        String threadMode,
        List<ServiceStatus> services,
        Map<String, Map<String, Object>> sources,
        List<ActivityHistory> history,
        List<ServiceActivity> activity,
        List<LogLine> recentTrouble,
        Map<String, Long> reloads) {

    /**
     * The status as 0.1.0 knew it: no history, activity, log lines or reloads.
     *
     * @param version the daemon's version
     * @param started when the daemon started
     * @param uptime how long it has been running
     * @param jvm the Java runtime
     * @param threadMode how client work runs
     * @param services every configured service
     * @param sources each status source's snapshot by its name
     */
    public DaemonStatus(String version, Instant started, Duration uptime, String jvm, String threadMode,
                        List<ServiceStatus> services, Map<String, Map<String, Object>> sources) {
        this(version, started, uptime, jvm, threadMode, services, sources, List.of(), List.of(), List.of(), Map.of());
    }

    /** Checks for nulls and takes unmodifiable copies of the collections, keeping their order. */
    public DaemonStatus {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(uptime, "uptime");
        Objects.requireNonNull(jvm, "jvm");
        Objects.requireNonNull(threadMode, "threadMode");
        services = List.copyOf(services);
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        history = List.copyOf(history);
        activity = List.copyOf(activity);
        recentTrouble = List.copyOf(recentTrouble);
        reloads = Collections.unmodifiableMap(new LinkedHashMap<>(reloads));
    }
}
