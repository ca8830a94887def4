package dev.switchboard.api;

import java.util.List;

/**
 * Observations counted into buckets, as Prometheus histograms are: {@code cumulativeCounts.get(i)} is how
 * many observations were at most {@code upperBounds.get(i)}; {@code count} includes those above the last
 * bound.
 *
 * <pre>{@code
 * double shortShare = (double) h.cumulativeCounts().get(0) / Math.max(1, h.count());
 * }</pre>
 *
 * @param upperBounds the buckets' upper bounds, ascending (seconds, for connection durations)
 * @param cumulativeCounts for each bound, the observations at most that bound
 * @param count every observation
 * @param sum the sum of every observation
 */
public record Histogram(List<Double> upperBounds, List<Long> cumulativeCounts, long count, double sum) {

    /** Takes unmodifiable copies; the two lists must be as long as each other. */
    public Histogram {
        upperBounds = List.copyOf(upperBounds);
        cumulativeCounts = List.copyOf(cumulativeCounts);
        if (upperBounds.size() != cumulativeCounts.size()) {
            throw new IllegalArgumentException("one count per bound: " + upperBounds.size() + " bounds, "
                    + cumulativeCounts.size() + " counts");
        }
    }
}
