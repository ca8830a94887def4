package dev.switchboard.api;

import java.time.Duration;

/** Durations and sizes written as a user writes them in switchboard.yml, for the messages of bounded getters. */
final class BoundText {

    private static final long[] MILLIS = {86_400_000, 3_600_000, 60_000, 1000};
    private static final String[] TIME_UNITS = {"d", "h", "m", "s"};
    private static final String[] SIZE_UNITS = {"GiB", "MiB", "KiB"};

    private BoundText() {
    }

    /** @return the duration in its largest whole unit: 5m, 10s, 500ms */
    static String duration(Duration d) {
        long ms = d.toMillis();
        for (int i = 0; i < MILLIS.length; i++) {
            if (ms != 0 && ms % MILLIS[i] == 0) {
                return ms / MILLIS[i] + TIME_UNITS[i];
            }
        }
        return ms == 0 ? "0s" : ms + "ms";
    }

    /** @return the size in its largest whole binary unit: 16MiB, 64KiB, 1000 */
    static String size(long bytes) {
        for (int i = 0; i < SIZE_UNITS.length; i++) {
            long unit = 1L << (10 * (SIZE_UNITS.length - i));
            if (bytes != 0 && bytes % unit == 0) {
                return bytes / unit + SIZE_UNITS[i];
            }
        }
        return Long.toString(bytes);
    }
}
