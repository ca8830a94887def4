package dev.switchboard.plugins.time;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Handler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import dev.switchboard.api.Settings;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.pf4j.Extension;

/**
 * The {@code time} protocol: RFC 868 (four bytes), RFC 867 daytime or ISO 8601, chosen per service.
 *
 * <pre>{@code
 * services:
 *   time:    { port: 7037 }                                       # format: rfc868 is the default
 *   daytime: { protocol: time, port: 7013, format: daytime, zone: Europe/Berlin }
 * }</pre>
 */
@Extension
public final class TimeProtocol implements Protocol {

    @Override
    public String name() {
        return "time";
    }

    @Override
    public Handler open(ServiceContext context) throws ConfigException {
        Settings settings = context.settings();
        TimeFormat format = settings.choice("format", TimeFormat.class, TimeFormat.RFC868);
        ZoneId zone = zone(settings);
        return new TimeHandler(context.clock(), format, zone);
    }

    private static ZoneId zone(Settings settings) throws ConfigException {
        String name = settings.string("zone", "UTC");
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw settings.invalid("zone", "'" + name + "' is not a time zone: use an IANA name such as"
                    + " UTC, Europe/Berlin or America/New_York");
        }
    }
}
