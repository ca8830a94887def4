package dev.switchboard.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told to, for tests of timeouts and time-based replies. Give it to
 * {@link TestDaemon.Builder#clock(Clock)} or read it from a {@link MemoryConnection}. Thread-safe.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
 * clock.advance(Duration.ofSeconds(90));
 * assertEquals(Instant.parse("2026-01-01T00:01:30Z"), clock.instant());
 * }</pre>
 */
public final class ManualClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    /** @param start the first instant it shows, in UTC */
    public ManualClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** Moves the clock forward (or back, with a negative duration). */
    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    /** Sets the clock to an instant. */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** @return a view in another zone that moves with this one */
    @Override
    public Clock withZone(ZoneId zone) {
        return new ManualClock(now, Objects.requireNonNull(zone, "zone"));
    }
}
