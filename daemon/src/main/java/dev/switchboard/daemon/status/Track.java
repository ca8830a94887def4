package dev.switchboard.daemon.status;

import dev.switchboard.api.ActivityHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One history in {@link ActivityRecorder}: rings of {@link ActivityRecorder#SAMPLES} slots, one for the
 * times and one per quantity, filled by one sample at a time. Not thread-safe: the recorder guards it.
 */
final class Track {

    private final long[] times = new long[ActivityRecorder.SAMPLES];
    private final Map<String, Column> columns = new LinkedHashMap<>();
    private int next;
    private int filled;

    /** A quantity as it is now: drawn as it is. */
    void gauge(String name, double value) {
        column(name, false, "").pending = value;
    }

    /** A count that only grows: drawn as its rate per second between samples. */
    void counter(String name, double value) {
        column(name, true, "").pending = value;
    }

    /** A counter from a status section, shown only to whoever may see that section. */
    void sectionCounter(String section, String name, double value) {
        column(name, true, section).pending = value;
    }

    private Column column(String name, boolean counter, String section) {
        return columns.computeIfAbsent(name, n -> new Column(counter, section));
    }

    /** Writes the values given since the last commit as the sample taken at {@code now}; the others as gaps. */
    void commit(Instant now) {
        times[next] = now.toEpochMilli();
        for (Column c : columns.values()) {
            c.ring[next] = c.pending;
            c.pending = Double.NaN;
        }
        next = (next + 1) % times.length;
        filled = Math.min(filled + 1, times.length);
    }

    /**
     * @param name the history's name
     * @param sectionShown whether the viewer may see a section, by its name
     * @return the samples but the first, oldest first, as gauges and per-second rates; null with fewer than two
     */
    ActivityHistory history(String name, Predicate<String> sectionShown) {
        if (filled < 2) {
            return null;
        }
        int first = (next - filled + times.length) % times.length;
        List<Instant> at = new ArrayList<>(filled - 1);
        for (int i = 1; i < filled; i++) {
            at.add(Instant.ofEpochMilli(times[(first + i) % times.length]));
        }
        Map<String, List<Double>> series = new LinkedHashMap<>();
        columns.forEach((column, c) -> {
            if (!c.section.isEmpty() && !sectionShown.test(c.section)) {
                return;
            }
            List<Double> values = new ArrayList<>(filled - 1);
            for (int i = 1; i < filled; i++) {
                int now = (first + i) % times.length;
                int before = (now - 1 + times.length) % times.length;
                values.add(c.counter ? rate(c.ring[before], c.ring[now], times[now] - times[before]) : c.ring[now]);
            }
            series.put(column, values);
        });
        return new ActivityHistory(name, ActivityRecorder.INTERVAL, at, series);
    }

    /** Per second; a count that went down started again (its service was replaced), so all of it is new. */
    private static double rate(double before, double now, long millis) {
        if (millis <= 0 || Double.isNaN(before) || Double.isNaN(now)) {
            return Double.NaN;
        }
        double delta = now >= before ? now - before : now;
        return delta * 1000.0 / millis;
    }

    private static final class Column {
        final boolean counter;
        final String section;
        final double[] ring = new double[ActivityRecorder.SAMPLES];
        double pending = Double.NaN;

        Column(boolean counter, String section) {
            this.counter = counter;
            this.section = section;
            Arrays.fill(ring, Double.NaN);
        }
    }
}
