package dev.switchboard.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The recent past of a service or a status section, sampled every {@code interval}, oldest first, as the
 * admin dashboard draws it: columns of numbers that share one list of times.
 *
 * <p>A service's series are {@code connections} (connected at the sample), {@code connects/s},
 * {@code refused/s} with one {@code refused/s:REASON} per reason seen, {@code bytes-in/s},
 * {@code bytes-out/s} and {@code handler-failures/s}. A status section's are its
 * {@linkplain StatusSource#rates() rates}, each per second.
 *
 * <pre>{@code
 * List<Double> connects = history.series().get("connects/s");
 * double last = connects.isEmpty() ? 0 : connects.get(connects.size() - 1);
 * }</pre>
 *
 * @param name the service's name, or the status section's
 * @param interval the time between samples
 * @param times when each sample was taken
 * @param series each quantity, one value per time
 */
public record ActivityHistory(String name, Duration interval, List<Instant> times, Map<String, List<Double>> series) {

    /** Checks for nulls and takes unmodifiable copies, keeping the series' order. */
    public ActivityHistory {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interval, "interval");
        times = List.copyOf(times);
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        series.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        series = Collections.unmodifiableMap(copy);
    }
}
