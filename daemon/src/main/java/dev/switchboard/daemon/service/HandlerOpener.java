package dev.switchboard.daemon.service;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.DaemonStatus;
import dev.switchboard.api.Handler;
import dev.switchboard.api.ServiceContext;
import dev.switchboard.daemon.config.ConfigLoader;
import dev.switchboard.daemon.config.Problem;
import dev.switchboard.daemon.config.ServiceConfig;
import dev.switchboard.daemon.config.YamlSettings;
import dev.switchboard.daemon.plugin.PluginHost;
import dev.switchboard.daemon.status.StatusView;
import dev.switchboard.daemon.plugin.ProtocolProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds a service's protocol and opens its handler, turning every way that can fail (no such
 * protocol, a bad setting, an unknown key, a plugin that throws) into problems with file and line.
 * Used both to start a service and by {@code switchboard check}.
 */
public final class HandlerOpener {

    private HandlerOpener() {
    }

    /**
     * @param config the service
     * @param plugins where its protocol may come from
     * @param contextFor makes the context the protocol is opened with, around the settings it will read
     * @return the open handler and the protocol's provider
     * @throws ServiceFailure when the service cannot be served
     */
    public static Opened open(ServiceConfig config, PluginHost plugins, Function<YamlSettings, ServiceContext> contextFor)
            throws ServiceFailure {
        YamlSettings settings = config.freshSettings();
        ProtocolProvider provider = plugins.protocol(config.protocol()).orElseThrow(() -> new ServiceFailure(
                settings.problem(new ConfigException("protocol", noProvider(config.protocol(), plugins)))));
        Handler handler;
        try {
            handler = provider.protocol().open(contextFor.apply(settings));
        } catch (ConfigException e) {
            throw new ServiceFailure(settings.problem(e));
        } catch (RuntimeException | LinkageError e) {
            throw new ServiceFailure(settings.problem(new ConfigException("", "plugin '" + provider.pluginId()
                    + "' failed to open the service: " + e + " (a bug in the plugin: report it to its author)")));
        }
        if (handler == null) {
            throw new ServiceFailure(settings.problem(new ConfigException("",
                    "plugin '" + provider.pluginId() + "' returned no handler (a bug in the plugin)")));
        }
        List<Problem> unknown = settings.unknownKeys(ConfigLoader.SERVICE_KEYS);
        if (!unknown.isEmpty()) {
            closeQuietly(handler);
            throw new ServiceFailure(unknown);
        }
        return new Opened(handler, provider);
    }

    /**
     * Opens the service's handler with a context that publishes nothing and closes it again, and reads
     * its certificate and key: what {@code switchboard check} and a reload do to learn whether the
     * service would start.
     *
     * @return every problem, empty when the service would open
     */
    public static List<Problem> validate(ServiceConfig config, PluginHost plugins, Clock clock) {
        List<Problem> problems = new java.util.ArrayList<>(ServiceTls.validate(config, clock.instant()));
        try {
            closeQuietly(open(config, plugins, settings -> quietContext(config, settings, clock)).handler());
        } catch (ServiceFailure f) {
            problems.addAll(f.problems());
        }
        return problems;
    }

    /**
     * Opens the service's handler as {@link #validate} does, and says which keys its protocol read.
     *
     * @return each key the protocol read while opening, with the JSON Schema its getter implies (see
     *     {@link YamlSettings#keySchemas}); when opening fails, the keys read before it failed
     */
    public static Map<String, Map<String, Object>> describe(ServiceConfig config, PluginHost plugins, Clock clock) {
        List<YamlSettings> read = new java.util.ArrayList<>();
        try {
            closeQuietly(open(config, plugins, settings -> {
                read.add(settings);
                return quietContext(config, settings, clock);
            }).handler());
        } catch (ServiceFailure f) {
            // described by what it read before failing
        }
        return read.isEmpty() ? Map.of() : read.get(0).keySchemas();
    }

    /** @return a context that publishes nothing: for opening a service only to learn about it */
    private static ServiceContext quietContext(ServiceConfig config, YamlSettings settings, Clock clock) {
        DaemonStatus empty = new DaemonStatus("", clock.instant(), Duration.ZERO, "", "", List.of(), Map.of());
        return new OpeningContext(config.name(), settings, clock, StatusView.of(empty), source -> { });
    }

    private static String noProvider(String protocol, PluginHost plugins) {
        List<String> known = plugins.protocolNames();
        return "no plugin provides protocol '" + protocol + "' (available: "
                + (known.isEmpty() ? "none" : String.join(", ", known))
                + "): put its plugin JAR in the plugins directory, fix the name, or set enabled: false";
    }

    static void closeQuietly(Handler handler) {
        try {
            handler.close();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(HandlerOpener.class).warn("handler failed to close: {}", e.toString());
        }
    }

    /**
     * @param handler the open handler
     * @param provider the protocol it came from
     */
    public record Opened(Handler handler, ProtocolProvider provider) {
    }
}
