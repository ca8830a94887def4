package dev.switchboard.plugins.admin;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Handler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import dev.switchboard.api.Settings;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.pf4j.Extension;

/**
 * The {@code admin} protocol: the daemon's own pages over HTTP/1.1: the live dashboard at {@code /},
 * {@code /status.json} and Prometheus {@code /metrics}. Each client sees a status source only if that
 * source's service would admit it. Shipped on loopback; opening it to a network is the owner's choice.
 *
 * <pre>{@code
 * services:
 *   admin: { port: 7070, bind: 127.0.0.1, allow: [127.0.0.0/8, "::1"], allowed-hosts: [pi.local] }
 * }</pre>
 */
@Extension
public final class AdminProtocol implements Protocol {

    @Override
    public String name() {
        return "admin";
    }

    @Override
    public Handler open(ServiceContext context) throws ConfigException {
        return new AdminHandler(new AdminPages(context, allowedHosts(context.settings())));
    }

    private static Set<String> allowedHosts(Settings settings) throws ConfigException {
        List<String> hosts = settings.list("allowed-hosts");
        for (String host : hosts) {
            if (!host.matches("[A-Za-z0-9.-]+")) {
                throw settings.invalid("allowed-hosts", "'" + host + "' is not a host name such as pi.local "
                        + "(no port, no scheme; IP addresses and localhost are always accepted)");
            }
        }
        return hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
