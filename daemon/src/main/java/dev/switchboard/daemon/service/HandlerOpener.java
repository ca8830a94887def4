package dev.switchboard.daemon.service;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.DaemonStatus;
import dev.switchboard.api.Handler;
import dev.switchboard.api.ServiceContext;
import dev.switchboard.daemon.background.ServiceWork;
import dev.switchboard.daemon.config.ConfigLoader;
import dev.switchboard.daemon.config.Problem;
import dev.switchboard.daemon.config.ServiceConfig;
import dev.switchboard.daemon.config.YamlSettings;
import dev.switchboard.daemon.plugin.PluginHost;
import dev.switchboard.daemon.plugin.PluginScope;
import dev.switchboard.daemon.status.StatusView;
import dev.switchboard.daemon.plugin.ProtocolProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

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
     * @param calls the deadline {@code open} runs under
     * @param contextFor makes the context the protocol is opened with, around the settings it will read and
     *     the state of the plugin that provides it
     * @return the open handler and the protocol's provider
     * @throws ServiceFailure when the service cannot be served, also when {@code open} overran the deadline
     */
    public static Opened open(ServiceConfig config, PluginHost plugins, PluginCalls calls,
                              BiFunction<YamlSettings, PluginScope, ServiceContext> contextFor) throws ServiceFailure {
        YamlSettings settings = config.freshSettings();
        ProtocolProvider provider = plugins.protocol(config.protocol()).orElseThrow(() -> new ServiceFailure(
                settings.problem(new ConfigException("protocol", noProvider(config.protocol(), plugins)))));
        String plugin = label(provider);
        ServiceContext context = contextFor.apply(settings, provider.scope());
        Handler handler;
        try {
            // A handler that comes after the daemon gave up is closed at once: nobody will serve with it.
            handler = calls.open(config.name(), plugin, () -> provider.protocol().open(context),
                    late -> closeQuietly(late));
        } catch (PluginCall.Overdue e) {
            throw new ServiceFailure(settings.problem(new ConfigException("", e.getMessage() + ": the service is not "
                    + "started" + (e.stopping() ? "" : " (a bug in the plugin: report it to its author)"))));
        } catch (ConfigException e) {
            List<Problem> problems = new java.util.ArrayList<>(List.of(settings.problem(e)));
            problems.addAll(settings.misspeltKeys(ConfigLoader.SERVICE_KEYS));
            throw new ServiceFailure(problems);
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
            close(calls, config.name(), plugin, handler);
            throw new ServiceFailure(unknown);
        }
        return new Opened(handler, provider, ServiceInputs.of(settings.inputs()));
    }

    /** @return the plugin as the log names it: {@code plugin 'echo' 0.1.0} */
    static String label(ProtocolProvider provider) {
        return "plugin '" + provider.pluginId() + "' " + provider.pluginVersion();
    }

    /**
     * Opens the service's handler with a context that publishes nothing and closes it again, and reads
     * its certificate and key: what {@code switchboard check} and a reload do to learn whether the
     * service would start.
     *
     * @param timeout how long {@code open} and {@code close} may take ({@code daemon.plugin-timeout})
     * @return every problem, empty when the service would open
     */
    public static List<Problem> validate(ServiceConfig config, PluginHost plugins, Clock clock, Duration timeout) {
        PluginCalls calls = new PluginCalls(timeout, new CompletableFuture<>());
        List<Problem> problems = new java.util.ArrayList<>(ServiceTls.validate(config, clock.instant()));
        try {
            Opened opened = open(config, plugins, calls, (settings, scope) -> quietContext(config, settings, scope, clock));
            close(calls, config.name(), label(opened.provider()), opened.handler());
        } catch (ServiceFailure f) {
            problems.addAll(f.problems());
        }
        return problems;
    }

    /**
     * Opens the service's handler as {@link #validate} does, and says which keys its protocol read.
     *
     * @param timeout how long {@code open} and {@code close} may take ({@code daemon.plugin-timeout})
     * @return each key the protocol read while opening, with the JSON Schema its getter implies (see
     *     {@link YamlSettings#keySchemas}); when opening fails, the keys read before it failed
     */
    public static Map<String, Map<String, Object>> describe(ServiceConfig config, PluginHost plugins, Clock clock,
                                                            Duration timeout) {
        PluginCalls calls = new PluginCalls(timeout, new CompletableFuture<>());
        List<YamlSettings> read = new java.util.ArrayList<>();
        try {
            Opened opened = open(config, plugins, calls, (settings, scope) -> {
                read.add(settings);
                return quietContext(config, settings, scope, clock);
            });
            close(calls, config.name(), label(opened.provider()), opened.handler());
        } catch (ServiceFailure f) {
            // described by what it read before failing
        }
        return read.isEmpty() ? Map.of() : read.get(0).keySchemas();
    }

    /** @return a context that publishes nothing: for opening a service only to learn about it */
    private static ServiceContext quietContext(ServiceConfig config, YamlSettings settings, PluginScope scope,
                                               Clock clock) {
        DaemonStatus empty = new DaemonStatus("", clock.instant(), Duration.ZERO, "", "", List.of(), Map.of());
        return new OpeningContext(config.name(), settings, clock, StatusView.of(empty), source -> { },
                ServiceWork.inert(config.name()), scope);
    }

    private static String noProvider(String protocol, PluginHost plugins) {
        List<String> known = plugins.protocolNames();
        return "no plugin provides protocol '" + protocol + "' (available: "
                + (known.isEmpty() ? "none" : String.join(", ", known))
                + "): put its plugin JAR in the plugins directory, fix the name, or set enabled: false";
    }

    /** Closes the handler under the deadline; what goes wrong is logged, and counted as the plugin's failure. */
    static void close(PluginCalls calls, String service, String plugin, Handler handler) {
        calls.runQuietly(service, plugin, "close", handler::close);
    }

    private static void closeQuietly(Handler handler) {
        try {
            handler.close();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(HandlerOpener.class).warn("handler failed to close: {}", e.toString());
        }
    }

    /**
     * @param handler the open handler
     * @param provider the protocol it came from
     * @param inputs the files the protocol read while opening, as they were
     */
    public record Opened(Handler handler, ProtocolProvider provider, ServiceInputs inputs) {
    }
}
