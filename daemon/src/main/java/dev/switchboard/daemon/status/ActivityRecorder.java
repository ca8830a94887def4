package dev.switchboard.daemon.status;

import dev.switchboard.api.ActivityHistory;
import dev.switchboard.daemon.net.TrafficStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The daemon's short memory: every few seconds, each service's counters and each status section's
 * {@linkplain dev.switchboard.api.StatusSource#rates() rates}, kept for the last quarter of an hour in
 * fixed rings (about 15 KB a service), and handed out as per-second rates for the dashboard's charts.
 *
 * <p>A section published by one service joins that service's history; a plugin-wide one has its own.
 * A section's series are shown only to viewers who may see the section. Histories of services and
 * sections that are gone are dropped at the next sample.
 */
public final class ActivityRecorder {

    /** The time between samples. */
    public static final Duration INTERVAL = Duration.ofSeconds(5);
    /** 15 minutes of rates: one more sample than that, since a rate needs the one before it. */
    static final int SAMPLES = 181;

    private final Map<String, Track> tracks = new LinkedHashMap<>();

    /**
     * @param name a service's name
     * @param traffic its counters
     */
    public record Measured(String name, TrafficStats traffic) {
    }

    /**
     * Takes one sample of everything.
     *
     * @param now the wall clock
     * @param services every current service, in configuration order
     * @param sections every status section
     */
    public synchronized void sample(Instant now, List<Measured> services, List<StatusSection> sections) {
        Map<String, Track> next = new LinkedHashMap<>();
        for (Measured m : services) {
            Track track = next.computeIfAbsent(m.name(), this::track);
            TrafficStats t = m.traffic();
            track.gauge("connections", t.active());
            track.counter("connects/s", t.total());
            track.counter("refused/s", t.rejected());
            t.refusedByReason().forEach((reason, count) -> track.counter("refused/s:" + reason, count));
            track.counter("bytes-in/s", t.bytesIn());
            track.counter("bytes-out/s", t.bytesOut());
            track.counter("handler-failures/s", t.failures());
        }
        for (StatusSection section : sections) {
            Set<String> rates = rates(section);
            if (rates.isEmpty()) {
                continue;
            }
            Map<String, Object> values = section.values();
            String owner = section.service().isEmpty() ? section.name() : section.service();
            Track track = next.computeIfAbsent(owner, this::track);
            for (String key : rates) {
                if (values.get(key) instanceof Number n) {
                    track.sectionCounter(section.name(), key + "/s", n.doubleValue());
                }
            }
        }
        next.values().forEach(track -> track.commit(now));
        tracks.clear();
        tracks.putAll(next);
    }

    private Track track(String name) {
        Track existing = tracks.get(name);
        return existing != null ? existing : new Track();
    }

    private static Set<String> rates(StatusSection section) {
        try {
            Set<String> rates = section.source().rates();
            return rates == null ? Set.of() : rates;
        } catch (RuntimeException | LinkageError e) {
            return Set.of(); // a faulty plugin's source: its snapshot says so; its history is left out
        }
    }

    /**
     * @param viewer who is asking
     * @param sections the status sections now, to find whom each section's series may be shown to
     * @return each history with at least two samples, oldest sample first
     */
    public synchronized List<ActivityHistory> snapshot(Viewer viewer, List<StatusSection> sections) {
        Map<String, StatusSection> byName = new LinkedHashMap<>();
        sections.forEach(s -> byName.put(s.name(), s));
        List<ActivityHistory> result = new ArrayList<>();
        tracks.forEach((name, track) -> {
            ActivityHistory h = track.history(name, section -> {
                StatusSection s = byName.get(section);
                return s != null && s.visibleTo(viewer);
            });
            if (h != null) {
                result.add(h);
            }
        });
        return result;
    }
}
