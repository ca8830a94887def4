package dev.switchboard.plugins.netinfo;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Handler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import dev.switchboard.api.Settings;
import java.time.Duration;
import org.pf4j.Extension;

/**
 * The {@code netinfo} protocol: a finger-style report of the host's network interfaces, gateways
 * and DNS servers, and the {@code network} status section. The report shows MAC and IP addresses:
 * limit who may ask with the service's {@code allow} list.
 *
 * <pre>{@code
 * services:
 *   netinfo:
 *     port: 7079
 *     allow: [127.0.0.0/8, "::1", 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, "fc00::/7"]
 *     request-timeout: 5s
 * }</pre>
 */
@Extension
public final class NetinfoProtocol implements Protocol {

    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    @Override
    public String name() {
        return "netinfo";
    }

    @Override
    public Handler open(ServiceContext context) throws ConfigException {
        Settings settings = context.settings();
        Sources sources = new Sources(
                settings.path("sysfs", Sources.LINUX.sysfs()),
                settings.path("procfs", Sources.LINUX.procfs()),
                settings.path("resolv-conf", Sources.LINUX.resolvConf()),
                settings.path("resolved-conf", Sources.LINUX.resolvedConf()));
        Duration timeout = settings.duration("request-timeout", Duration.ofSeconds(5));
        if (timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw settings.invalid("request-timeout", "must be more than 0 and at most 10m, e.g. 5s");
        }
        context.publish(new NetworkStatus(sources));
        return new NetinfoHandler(sources, timeout);
    }
}
