package dev.switchboard.daemon.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;

/**
 * What the daemon logged while a test ran, as the user's log file would show it: every event's level,
 * message and whether it carried a stack trace. Open in a try-with-resources block.
 */
public final class LogCapture implements AutoCloseable {

    /**
     * @param level e.g. {@code WARN}
     * @param message the formatted message
     * @param hasStackTrace whether a stack trace was printed with it
     */
    public record Line(String level, String message, boolean hasStackTrace) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;
    private final Configuration configuration;

    private LogCapture() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        configuration = context.getConfiguration();
        appender = new AbstractAppender("capture-" + System.identityHashCode(this), null, null, true,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(new Line(event.getLevel().name(), event.getMessage().getFormattedMessage(),
                        event.getThrown() != null));
            }
        };
        appender.start();
        configuration.getRootLogger().addAppender(appender, null, null);
        context.updateLoggers();
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    /** @return the lines logged so far that match */
    public List<Line> matching(Predicate<Line> test) {
        return lines.stream().filter(test).toList();
    }

    /** @return the lines logged so far whose message contains {@code text} */
    public List<Line> containing(String text) {
        return matching(l -> l.message().contains(text));
    }

    @Override
    public void close() {
        configuration.getRootLogger().removeAppender(appender.getName());
        ((LoggerContext) LogManager.getContext(false)).updateLoggers();
        appender.stop();
    }
}
