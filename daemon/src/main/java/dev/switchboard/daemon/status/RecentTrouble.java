package dev.switchboard.daemon.status;

import dev.switchboard.api.LogLine;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.filter.ThresholdFilter;

/**
 * The last WARN and ERROR lines of the daemon's log, newest first, for the admin dashboard: an appender
 * added to the root logger of whatever Log4j configuration is in force, next to the configured ones, so
 * it sees exactly what the log file gets at those levels.
 */
public final class RecentTrouble extends AbstractAppender {

    /** Enough to see why a service refused people; about 30 KB. */
    static final int CAPACITY = 100;
    private static final String NAME = "switchboard-recent-trouble";
    private static final RecentTrouble SHARED = new RecentTrouble();

    private final Deque<LogLine> lines = new ArrayDeque<>(CAPACITY);
    private Configuration installedIn;

    private RecentTrouble() {
        super(NAME, ThresholdFilter.createFilter(Level.WARN, Filter.Result.ACCEPT, Filter.Result.DENY), null, true,
                Property.EMPTY_ARRAY);
        start();
    }

    /**
     * @return the one collector of this JVM's log (the log is the JVM's, whatever number of daemons run in
     *     it), attached to the current Log4j configuration if it is not already
     */
    public static RecentTrouble installed() {
        SHARED.attach();
        return SHARED;
    }

    private synchronized void attach() {
        if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
            return; // another logging implementation: nothing to attach to, the list stays empty
        }
        Configuration config = context.getConfiguration();
        if (config == installedIn) {
            return;
        }
        config.addAppender(this);
        config.getRootLogger().addAppender(this, Level.WARN, null);
        context.updateLoggers();
        installedIn = config;
    }

    @Override
    public void append(LogEvent event) {
        String message = event.getMessage().getFormattedMessage();
        Throwable thrown = event.getThrown();
        if (thrown != null) {
            message = message + ": " + thrown;
        }
        LogLine line = new LogLine(Instant.ofEpochMilli(event.getTimeMillis()), event.getLevel().name(),
                event.getLoggerName(), message);
        synchronized (lines) {
            if (lines.size() == CAPACITY) {
                lines.removeLast();
            }
            lines.addFirst(line);
        }
    }

    /** @return the lines kept, newest first */
    public List<LogLine> lines() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }
}
