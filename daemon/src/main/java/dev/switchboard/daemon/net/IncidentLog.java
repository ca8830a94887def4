package dev.switchboard.daemon.net;

import org.slf4j.Logger;

/**
 * One service's log of one kind of plugin incident (a handler that threw, a handler stuck after its
 * client closed), bounded whatever the plugin does: the first few incidents are logged in full, with
 * their stack traces; after that each is only counted, and one summary line per interval gives the
 * count and the latest. A bug any client can trigger therefore cannot fill the disk.
 */
public final class IncidentLog {

    /** Incidents logged in full, with a stack trace, before they are only summed up. */
    public static final int IN_FULL = 5;
    private static final long INTERVAL_NANOS = 10_000_000_000L;

    private final Logger log;
    private final String what;
    private long total;
    private long inInterval;
    private String latest = "";
    private long intervalStartNanos;

    /** @param what the incident, plural, for the summary line: e.g. {@code "echo: handler failures"} */
    public IncidentLog(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    /**
     * Logs the incident in full if it is one of the first few, else counts it.
     *
     * @param message the line to log, with its own placeholders filled in
     * @param cause whose stack trace goes with it
     * @param summary a short description for the summary line (no stack)
     */
    public synchronized void report(String message, Throwable cause, String summary) {
        total++;
        if (total <= IN_FULL) {
            log.warn(total == IN_FULL ? message + " [" + IN_FULL + " logged in full; from now on one summary line "
                    + "every " + INTERVAL_NANOS / 1_000_000_000L + " s]" : message, cause);
            return;
        }
        if (inInterval++ == 0) {
            intervalStartNanos = System.nanoTime();
        }
        latest = summary;
    }

    /** Writes the summary line once its interval is over; called often (the watchdog: a few times a second). */
    public synchronized void flush(long nowNanos) {
        if (inInterval > 0 && nowNanos - intervalStartNanos >= INTERVAL_NANOS) {
            log.warn("{}: {} more in the last {} s ({} in all); the latest: {}", what, inInterval,
                    (nowNanos - intervalStartNanos) / 1_000_000_000L, total, latest);
            inInterval = 0;
        }
    }

    /** @return incidents so far */
    public synchronized long total() {
        return total;
    }
}
