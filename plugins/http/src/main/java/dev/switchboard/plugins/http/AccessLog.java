package dev.switchboard.plugins.http;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request in the combined log format, logged at INFO to {@value #LOGGER_NAME}; the
 * daemon's Log4j 2 configuration routes that logger to its own rolling file. Each message is already
 * a complete line: {@code host - - [time] "request" status bytes "referer" "user-agent"}.
 */
final class AccessLog {

    static final String LOGGER_NAME = "switchboard.access";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    private final boolean enabled;

    AccessLog(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * @param request the request line as received, or {@code "-"} when none could be read
     * @param bytes the body bytes sent
     */
    void log(InetSocketAddress client, Instant time, String request, int status, long bytes, String referer,
            String userAgent) {
        if (enabled && LOG.isInfoEnabled()) {
            LOG.info(line(client, time, request, status, bytes, referer, userAgent));
        }
    }

    static String line(InetSocketAddress client, Instant time, String request, int status, long bytes,
            String referer, String userAgent) {
        String host = client.getAddress() != null ? client.getAddress().getHostAddress() : client.getHostString();
        return host + " - - [" + TIME.format(time) + "] \"" + quoted(request) + "\" " + status + " "
                + (bytes == 0 ? "-" : Long.toString(bytes)) + " \"" + quoted(referer) + "\" \""
                + quoted(userAgent) + "\"";
    }

    /** Client-controlled text: escape quotes, backslashes and anything unprintable so a line stays one line. */
    private static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7f) {
                out.append(String.format("\\x%02x", (int) c & 0xff));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
