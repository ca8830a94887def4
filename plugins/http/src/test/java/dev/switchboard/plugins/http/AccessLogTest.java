package dev.switchboard.plugins.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The combined log format line, and that each request reaches the {@code switchboard.access} logger. */
class AccessLogTest {

    @Test
    void formatsCombinedLogFormatLine() {
        String line = AccessLog.line(new InetSocketAddress("127.0.0.1", 5555), Instant.parse("2026-11-25T14:03:09Z"),
                "GET /a?b HTTP/1.1", 200, 1234, "http://ref/", "curl/8.0");
        assertEquals("127.0.0.1 - - [25/Nov/2026:14:03:09 +0000] \"GET /a?b HTTP/1.1\" 200 1234 \"http://ref/\" \"curl/8.0\"",
                line);
    }

    @Test
    void escapesQuotesAndControlCharactersSoEachRequestIsOneLine() {
        String line = AccessLog.line(new InetSocketAddress("::1", 1), Instant.EPOCH, "-", 400, 0, "-",
                "evil\" \"agent\n\u0001");
        assertEquals("0:0:0:0:0:0:0:1 - - [01/Jan/1970:00:00:00 +0000] \"-\" 400 - \"-\" \"evil\\\" \\\"agent\\x0a\\x01\"",
                line);
    }

    @Test
    void logsEveryRequestToTheAccessLogger(@TempDir java.nio.file.Path tmp) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        AbstractAppender capture = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getMessage().getFormattedMessage());
            }
        };
        capture.start();
        org.apache.logging.log4j.core.Logger logger = context.getLogger(AccessLog.LOGGER_NAME);
        Level level = logger.getLevel();
        logger.addAppender(capture);
        logger.setLevel(Level.INFO);
        try (TestSite site = new TestSite(tmp)) {
            Client.get(site.port(), "/hello.txt", "User-Agent", "access-test", "Referer", "http://r/");
            try (RawClient raw = new RawClient(site.port())) {
                raw.send("GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n").read();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (lines.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            logger.removeAppender(capture);
            logger.setLevel(level);
        }
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("127\\.0\\.0\\.1 - - \\[[^]]+\\] \"GET /hello.txt HTTP/1.1\" 200 13 "
                + "\"http://r/\" \"access-test\""), lines.get(0));
        assertTrue(lines.get(1).matches("127\\.0\\.0\\.1 - - \\[[^]]+\\] \"GET /%zz HTTP/1.1\" 400 \\d+ \"-\" \"-\""),
                lines.get(1));
    }
}
