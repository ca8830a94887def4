package dev.switchboard.daemon.plugin;

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

/**
 * The plugins of the plugin directories, each loaded by PF4J as a {@link LoadedPlugin}, and the daemon's
 * own registry of their protocols and status sources. A broken plugin is skipped and described in
 * {@link #problems()}; the others load. A reload's host keeps the previous host's load of every plugin
 * whose file is unchanged (its classes, protocol instances and {@link PluginScope}), and loads the rest.
 *
 * <p>Protocols on the daemon's own class path are found too: that is how a plugin's tests run it
 * in-process. Not thread-safe, like PF4J: the daemon calls it from its lifecycle thread only.
 */
public final class PluginHost implements AutoCloseable {

    /** The plugin id reported for extensions found on the class path. */
    public static final String CLASSPATH = "classpath";

    private final List<LoadedPlugin> loaded = new ArrayList<>();
    private final Map<String, ProtocolProvider> protocols = new LinkedHashMap<>();
    private final List<StatusSource> statusSources = new ArrayList<>();
    /** Each plugin-wide status source's plugin id, so it is shown only where that plugin's services allow. */
    private final Map<StatusSource, String> sourcePlugins = new IdentityHashMap<>();
    private final List<PluginInfo> plugins = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private boolean closed;

    private PluginHost() {
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
        return load(dirs, systemVersion, classPathProtocols, null);
    }

    /**
     * Loads the plugins for a reload, keeping what {@code previous} loaded from files that are unchanged.
     *
     * @param previous the running daemon's host, which stays open and usable; null loads everything afresh
     * @return the loaded plugins, sharing the unchanged ones with {@code previous}
     */
    public static PluginHost load(List<Path> dirs, String systemVersion, boolean classPathProtocols,
                                  PluginHost previous) {
        PluginHost host = new PluginHost();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                host.problems.add(dir + ": plugin directory does not exist (create it or fix daemon.plugins)");
            }
        }
        List<LoadedPlugin> kept = previous == null || previous.closed ? List.of() : previous.loaded;
        if (classPathProtocols) {
            host.add(kept.stream().filter(p -> p.path() == null).findFirst().map(LoadedPlugin::retain)
                    .orElseGet(() -> LoadedPlugin.classPath(dirs, systemVersion)));
        }
        List<Path> candidates;
        try {
            candidates = new SwitchboardPluginManager(dirs, systemVersion).candidatePaths();
        } catch (RuntimeException e) {
            host.problems.add("cannot list the plugin directories: " + e.getMessage());
            candidates = List.of();
        }
        for (Path file : candidates) {
            host.add(kept.stream().filter(p -> p.reusableFor(file)).findFirst().map(LoadedPlugin::retain)
                    .orElseGet(() -> LoadedPlugin.load(file, systemVersion)));
        }
        return host;
    }

    private void add(LoadedPlugin plugin) {
        loaded.add(plugin);
        problems.addAll(plugin.problems());
        if (!plugin.started()) {
            return;
        }
        List<String> provided = new ArrayList<>();
        for (LoadedPlugin.NamedProtocol p : plugin.protocols()) {
            ProtocolProvider existing = protocols.putIfAbsent(p.name(), new ProtocolProvider(p.protocol(), plugin));
            if (existing != null) {
                problems.add("plugin '" + plugin.id() + "' provides protocol '" + p.name() + "', which plugin '"
                        + existing.pluginId() + "' already provides: remove one of them (using '"
                        + existing.pluginId() + "')");
            } else {
                provided.add(p.name());
            }
        }
        for (StatusSource source : plugin.statusSources()) {
            statusSources.add(source);
            sourcePlugins.put(source, plugin.id());
        }
        if (plugin.path() != null) {
            plugins.add(new PluginInfo(plugin.id(), plugin.version(), plugin.description(), plugin.path(), provided));
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

    /**
     * Lets go of every plugin, newest first: those no other host shares are stopped and unloaded, and
     * their state is closed. Closing twice does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<LoadedPlugin> newestFirst = new ArrayList<>(loaded);
        Collections.reverse(newestFirst);
        newestFirst.forEach(LoadedPlugin::release);
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
