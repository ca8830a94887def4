package dev.switchboard.daemon.net;

import org.slf4j.Logger;

/**
 * Logs refused clients at INFO, but at most a few lines a second per service, so a flood of refused
 * connects cannot flood the log; the rest are summed up once the second is over.
 */
final class RefusalLog {

    private static final int LINES_PER_SECOND = 10;

    private final String serviceName;
    private final Logger log;
    private long windowStartNanos = System.nanoTime();
    private int inWindow;
    private int suppressed;

    RefusalLog(String serviceName, Logger log) {
        this.serviceName = serviceName;
        this.log = log;
    }

    /** @param source the client, shown with the prefix it was counted as */
    synchronized void refused(CountedSource source, String reason) {
        flush(System.nanoTime());
        if (++inWindow <= LINES_PER_SECOND) {
            log.info("{}: refused {}: {}", serviceName, source, reason);
        } else {
            suppressed++;
        }
    }

    synchronized void flush(long nowNanos) {
        if (nowNanos - windowStartNanos >= 1_000_000_000L) {
            if (suppressed > 0) {
                log.info("{}: refused {} more clients in the last second (not logged one by one)", serviceName, suppressed);
            }
            windowStartNanos = nowNanos;
            inWindow = 0;
            suppressed = 0;
        }
    }
}
