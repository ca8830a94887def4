package dev.switchboard.plugins.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The system clock, unless a test pins it to an instant. Thread-safe: the daemon reads it on its threads. */
final class SettableClock extends Clock {

    private final AtomicReference<Instant> pinned = new AtomicReference<>();

    void pin(Instant instant) {
        pinned.set(instant);
    }

    void release() {
        pinned.set(null);
    }

    @Override
    public Instant instant() {
        Instant fixed = pinned.get();
        return fixed != null ? fixed : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the daemon's clock is read as an Instant");
    }
}
