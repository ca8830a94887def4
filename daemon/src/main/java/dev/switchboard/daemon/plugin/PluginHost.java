package dev.switchboard.daemon.plugin;

import dev.switchboard.api.Protocol;
import dev.switchboard.api.StatusSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the plugin JARs and zips of the plugin directories with PF4J and keeps the daemon's own registry of
 * their protocols and status sources (PF4J makes a new extension instance on every lookup). A broken
 * plugin is skipped and described in {@link #problems()}; the others load.
 *
 * <p>Protocols on the daemon's own class path are found too: that is how a plugin's tests run it
 * in-process. Not thread-safe, like PF4J: the daemon calls it from its lifecycle thread only.
 */
public final class PluginHost implements AutoCloseable {

    /** The plugin id reported for extensions found on the class path. */
    public static final String CLASSPATH = "classpath";

    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

    private final SwitchboardPluginManager manager;
    private final String systemVersion;
    private final Map<String, ProtocolProvider> protocols = new LinkedHashMap<>();
    private final List<StatusSource> statusSources = new ArrayList<>();
    /** Each plugin-wide status source's plugin id, so it is shown only where that plugin's services allow. */
    private final Map<StatusSource, String> sourcePlugins = new IdentityHashMap<>();
    private final List<PluginInfo> plugins = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private final boolean classPathProtocols;

    private PluginHost(List<Path> dirs, String systemVersion, boolean classPathProtocols) {
        this.manager = new SwitchboardPluginManager(dirs, systemVersion);
        this.systemVersion = systemVersion;
        this.classPathProtocols = classPathProtocols;
    }

    /**
     * @param dirs the plugin directories; missing ones are reported, not fatal
     * @param systemVersion the daemon's version, which each plugin's {@code Plugin-Requires} must accept
     * @return the loaded plugins
     */
    public static PluginHost load(List<Path> dirs, String systemVersion) {
        return load(dirs, systemVersion, true);
    }

    /**
     * @param dirs the plugin directories; missing ones are reported, not fatal
     * @param systemVersion the daemon's version, which each plugin's {@code Plugin-Requires} must accept
     * @param classPathProtocols whether protocols on the daemon's class path count too; false loads only
     *     the directories' plugins, as an installed daemon does (a packaged-JAR test needs that, since its
     *     class path holds the plugin's classes as well)
     * @return the loaded plugins
     */
    public static PluginHost load(List<Path> dirs, String systemVersion, boolean classPathProtocols) {
        PluginHost host = new PluginHost(dirs, systemVersion, classPathProtocols);
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                host.problems.add(dir + ": plugin directory does not exist (create it or fix daemon.plugins)");
            }
        }
        host.loadAll();
        return host;
    }

    private void loadAll() {
        List<Path> candidates;
        try {
            candidates = manager.candidatePaths();
        } catch (RuntimeException e) {
            problems.add("cannot list the plugin directories: " + e.getMessage());
            candidates = List.of();
        }
        for (Path path : candidates) {
            try {
                String id = manager.loadPlugin(path);
                PluginWrapper plugin = manager.getPlugin(id);
                if (plugin.getPluginState() == PluginState.DISABLED && plugin.getFailedException() != null) {
                    problems.add(path + ": plugin '" + id + "' " + plugin.getDescriptor().getVersion()
                            + " requires Switchboard " + plugin.getDescriptor().getRequires() + ", but this is "
                            + systemVersion + ": install a version of the plugin built for this daemon");
                    manager.unloadPlugin(id);
                }
            } catch (RuntimeException | LinkageError e) {
                problems.add(path + ": not a usable plugin (" + describe(e) + "): remove it or replace it with a "
                        + "JAR whose manifest has Plugin-Id and Plugin-Version");
            }
        }
        for (PluginWrapper plugin : List.copyOf(manager.getResolvedPlugins())) {
            startOne(plugin);
        }
        if (classPathProtocols) {
            registerExtensions(null, CLASSPATH, systemVersion, null);
        }
        for (PluginWrapper plugin : manager.getStartedPlugins()) {
            registerExtensions(plugin.getPluginId(), plugin.getPluginId(), plugin.getDescriptor().getVersion(),
                    plugin);
        }
    }

    private void startOne(PluginWrapper plugin) {
        try {
            PluginState state = manager.startPlugin(plugin.getPluginId());
            if (state != PluginState.STARTED) {
                Throwable cause = plugin.getFailedException();
                problems.add(plugin.getPluginPath() + ": plugin '" + plugin.getPluginId() + "' did not start ("
                        + (cause == null ? state.toString() : describe(cause)) + ")");
            }
        } catch (RuntimeException | LinkageError e) {
            problems.add(plugin.getPluginPath() + ": plugin '" + plugin.getPluginId() + "' failed to start ("
                    + describe(e) + ")");
        }
    }

    private void registerExtensions(String pluginId, String label, String version, PluginWrapper plugin) {
        List<String> provided = new ArrayList<>();
        String origin = plugin == null ? CLASSPATH : origin(plugin.getPluginPath());
        for (Class<? extends Protocol> type : extensionClasses(Protocol.class, pluginId, label)) {
            Optional<Protocol> protocol = this.<Protocol>instantiate(type, label);
            protocol.ifPresent(p -> {
                String name;
                try {
                    name = p.name();
                } catch (RuntimeException e) {
                    problems.add("plugin '" + label + "': " + type.getName() + ".name() failed (" + describe(e) + ")");
                    return;
                }
                ProtocolProvider existing = protocols.putIfAbsent(name, new ProtocolProvider(p, label, version, origin));
                if (existing != null) {
                    problems.add("plugin '" + label + "' provides protocol '" + name + "', which plugin '"
                            + existing.pluginId() + "' already provides: remove one of them (using '"
                            + existing.pluginId() + "')");
                } else {
                    provided.add(name);
                }
            });
        }
        int sources = statusSources.size();
        for (Class<? extends StatusSource> type : extensionClasses(StatusSource.class, pluginId, label)) {
            this.<StatusSource>instantiate(type, label).ifPresent(source -> {
                statusSources.add(source);
                sourcePlugins.put(source, label);
            });
        }
        if (plugin != null) {
            plugins.add(new PluginInfo(label, version, Optional.ofNullable(plugin.getDescriptor().getPluginDescription())
                    .orElse(""), plugin.getPluginPath(), provided));
            if (provided.isEmpty() && statusSources.size() == sources) {
                List<String> causes = PluginDiagnosis.whyNoProtocol(plugin);
                problems.add(plugin.getPluginPath() + ": plugin '" + label + "' " + version + " provides no protocol"
                        + (causes.isEmpty() ? "" : ": " + String.join("; ", causes)));
            }
        }
    }

    /** @return the file's path, size and modification time: what tells a replaced JAR from the one loaded */
    private static String origin(Path path) {
        try {
            return path.toAbsolutePath() + " " + Files.size(path) + " bytes, modified " + Files.getLastModifiedTime(path);
        } catch (java.io.IOException e) {
            return path.toAbsolutePath().toString();
        }
    }

    private <T> List<Class<? extends T>> extensionClasses(Class<T> type, String pluginId, String label) {
        try {
            return manager.getExtensionClasses(type, pluginId);
        } catch (RuntimeException | LinkageError e) {
            problems.add("plugin '" + label + "': cannot list its extensions (" + describe(e) + ")");
            return List.of();
        }
    }

    private <T> Optional<T> instantiate(Class<? extends T> type, String label) {
        try {
            return Optional.of(type.cast(manager.getExtensionFactory().create(type)));
        } catch (RuntimeException | LinkageError e) {
            problems.add("plugin '" + label + "': cannot create " + type.getName() + " (" + describe(e) + ")");
            return Optional.empty();
        }
    }

    /** @return the provider of a protocol, if any plugin has it */
    public Optional<ProtocolProvider> protocol(String name) {
        return Optional.ofNullable(protocols.get(name));
    }

    /** @return the names of every protocol available */
    public List<String> protocolNames() {
        return List.copyOf(protocols.keySet());
    }

    /** @return the plugin-wide status sources */
    public List<StatusSource> statusSources() {
        return Collections.unmodifiableList(statusSources);
    }

    /** @return the id of the plugin a plugin-wide status source came from ({@link #CLASSPATH} for the class path) */
    public String pluginOf(StatusSource source) {
        return sourcePlugins.getOrDefault(source, "");
    }

    /** @return the loaded plugins, in load order */
    public List<PluginInfo> plugins() {
        return Collections.unmodifiableList(plugins);
    }

    /** @return what went wrong while loading, one sentence each */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** Stops the plugins one by one in reverse order (PF4J 3.15's stopPlugins() is unreliable), then unloads them. */
    @Override
    public void close() {
        List<PluginWrapper> started = new ArrayList<>(manager.getStartedPlugins());
        Collections.reverse(started);
        for (PluginWrapper plugin : started) {
            try {
                manager.stopPlugin(plugin.getPluginId());
                manager.unloadPlugin(plugin.getPluginId());
            } catch (RuntimeException | LinkageError e) {
                log.warn("Plugin '{}' failed to stop: {}", plugin.getPluginId(), describe(e));
            }
        }
        protocols.clear();
        statusSources.clear();
        sourcePlugins.clear();
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = Stream.of(e.getMessage(), root.getMessage()).filter(m -> m != null && !m.isBlank())
                .reduce((a, b) -> a.equals(b) || a.contains(b) ? a : a + ": " + b).orElse(e.getClass().getSimpleName());
        return message.replace('\n', ' ');
    }
}
