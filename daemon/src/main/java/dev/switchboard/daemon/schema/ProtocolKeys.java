package dev.switchboard.daemon.schema;

import dev.switchboard.daemon.config.AccessPolicy;
import dev.switchboard.daemon.config.ServiceConfig;
import dev.switchboard.daemon.config.YamlSettings;
import dev.switchboard.daemon.plugin.PluginHost;
import dev.switchboard.daemon.service.HandlerOpener;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys each loaded protocol reads, learnt by opening it as {@code switchboard check} does and
 * recording every typed getter it calls (type, bounds, default), then closing it again: plugins declare
 * nothing twice. A protocol is opened with the settings of every configured service that uses it, so
 * keys read only when another is set are seen too, and otherwise with empty settings. One that fails to
 * open is described by the keys it read before it failed.
 */
public final class ProtocolKeys {

    private ProtocolKeys() {
    }

    /**
     * @param services the configured services (may be empty)
     * @param plugins the loaded plugins
     * @param home what relative paths resolve against
     * @param timeout how long one open or close may take ({@code daemon.plugin-timeout})
     * @return for each protocol the plugins provide, its keys in the order first read, with their schemas
     */
    public static Map<String, Map<String, Map<String, Object>>> learn(List<ServiceConfig> services,
                                                                     PluginHost plugins, Path home,
                                                                     Duration timeout) {
        Map<String, Map<String, Map<String, Object>>> protocols = new LinkedHashMap<>();
        for (String protocol : plugins.protocolNames()) {
            Map<String, Map<String, Object>> keys = new LinkedHashMap<>();
            List<ServiceConfig> using = services.stream().filter(s -> s.protocol().equals(protocol)).toList();
            for (ServiceConfig service : using.isEmpty() ? List.of(unconfigured(protocol, home)) : using) {
                HandlerOpener.describe(service, plugins, Clock.systemUTC(), timeout).forEach(keys::putIfAbsent);
            }
            protocols.put(protocol, keys);
        }
        return protocols;
    }

    /** @return a service of the protocol with every key at its default, never started */
    private static ServiceConfig unconfigured(String protocol, Path home) {
        YamlSettings empty = new YamlSettings("(schema)", "services." + protocol, 1, Map.of(), home);
        return new ServiceConfig(protocol, 1, true, protocol, InetAddress.getLoopbackAddress(), 0, AccessPolicy.DEFAULT,
                empty);
    }
}
