package dev.switchboard.daemon.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.ActivityHistory;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The history's rings: rates between samples, a replaced service's fresh counters, gaps, and the bound. */
class TrackTest {

    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");

    private static void sample(Track track, int i, double connections, double total) {
        track.gauge("connections", connections);
        track.counter("connects/s", total);
        track.commit(T0.plusSeconds(5L * i));
    }

    @Test
    void countersBecomeRatesPerSecondAndGaugesStayAsTheyAre() {
        Track track = new Track();
        sample(track, 0, 1, 100);
        assertNull(track.history("echo", s -> true), "one sample has no rate yet");
        sample(track, 1, 3, 150);
        sample(track, 2, 2, 150);
        ActivityHistory h = track.history("echo", s -> true);
        assertEquals(List.of(T0.plusSeconds(5), T0.plusSeconds(10)), h.times());
        assertEquals(List.of(10.0, 0.0), h.series().get("connects/s"));
        assertEquals(List.of(3.0, 2.0), h.series().get("connections"));
    }

    @Test
    void aCounterThatWentDownStartedAgain() {
        Track track = new Track();
        sample(track, 0, 0, 1000);
        sample(track, 1, 0, 25); // the service was replaced by a reload: its counters start at 0
        assertEquals(List.of(5.0), track.history("echo", s -> true).series().get("connects/s"));
    }

    @Test
    void aQuantityMissingFromASampleIsAGapNotASpike() {
        Track track = new Track();
        sample(track, 0, 0, 0);
        track.sectionCounter("chat", "messages-relayed/s", 5000); // first seen at sample 1
        sample(track, 1, 0, 0);
        track.sectionCounter("chat", "messages-relayed/s", 5050);
        sample(track, 2, 0, 0);
        List<Double> relayed = track.history("chat", s -> true).series().get("messages-relayed/s");
        assertTrue(Double.isNaN(relayed.get(0)), relayed.toString());
        assertEquals(10.0, relayed.get(1));
        assertNull(track.history("chat", s -> false).series().get("messages-relayed/s"), "hidden section");
    }

    @Test
    void itKeepsAQuarterOfAnHourAndNoMore() {
        Track track = new Track();
        for (int i = 0; i < 1000; i++) {
            sample(track, i, i, i * 5.0);
        }
        ActivityHistory h = track.history("echo", s -> true);
        assertEquals(ActivityRecorder.SAMPLES - 1, h.times().size());
        assertEquals(T0.plusSeconds(5L * 999), h.times().get(h.times().size() - 1));
        assertEquals(15 * 60, h.times().size() * ActivityRecorder.INTERVAL.toSeconds());
        assertTrue(h.series().get("connects/s").stream().allMatch(v -> v == 1.0));
    }
}
