package dev.switchboard.daemon.plugin;

import dev.switchboard.api.Protocol;
import dev.switchboard.api.StatusSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One plugin file loaded in a PF4J manager of its own (or the daemon's class path), with its extensions
 * and its {@link PluginScope}. Each has its own manager so that a reload can keep an unchanged plugin,
 * classes, instances and state, while it loads another plugin's new version: the hosts of successive
 * reloads and the services opened from it share it, counting references, and it is unloaded when the
 * last lets go.
 */
final class LoadedPlugin {

    private static final Logger log = LoggerFactory.getLogger(LoadedPlugin.class);

    /** A protocol extension the plugin provides, by the name it gives. */
    record NamedProtocol(String name, Protocol protocol) {
    }

    private final SwitchboardPluginManager manager;
    private final Path path;
    private final String origin;
    private final List<String> problems = new ArrayList<>();
    private final List<NamedProtocol> protocols = new ArrayList<>();
    private final List<StatusSource> statusSources = new ArrayList<>();
    private final AtomicInteger users = new AtomicInteger(1);
    private PluginWrapper plugin;
    private String id;
    private String version;
    private PluginScope scope;

    private LoadedPlugin(SwitchboardPluginManager manager, Path path, String origin) {
        this.manager = manager;
        this.path = path;
        this.origin = origin;
    }

    /** @return the extensions on the daemon's class path, as one plugin with id {@link PluginHost#CLASSPATH} */
    static LoadedPlugin classPath(List<Path> dirs, String systemVersion) {
        LoadedPlugin p = new LoadedPlugin(new SwitchboardPluginManager(dirs, systemVersion), null, PluginHost.CLASSPATH);
        p.id = PluginHost.CLASSPATH;
        p.version = systemVersion;
        p.register(null);
        return p;
    }

    /** @return the plugin in this file, or what kept it from loading in {@link #problems()} */
    static LoadedPlugin load(Path file, String systemVersion) {
        SwitchboardPluginManager manager = new SwitchboardPluginManager(List.of(file.toAbsolutePath().getParent()),
                systemVersion);
        LoadedPlugin p = new LoadedPlugin(manager, file, origin(file));
        try {
            String id = manager.loadPlugin(file);
            PluginWrapper wrapper = manager.getPlugin(id);
            if (wrapper.getPluginState() == PluginState.DISABLED && wrapper.getFailedException() != null) {
                p.problems.add(file + ": plugin '" + id + "' " + wrapper.getDescriptor().getVersion()
                        + " requires Switchboard " + wrapper.getDescriptor().getRequires() + ", but this is "
                        + systemVersion + ": install a version of the plugin built for this daemon");
                manager.unloadPlugin(id);
                return p;
            }
            p.start(wrapper);
        } catch (RuntimeException | LinkageError e) {
            p.problems.add(file + ": not a usable plugin (" + PluginHost.describe(e) + "): remove it or replace "
                    + "it with a JAR whose manifest has Plugin-Id and Plugin-Version");
        }
        return p;
    }

    private void start(PluginWrapper wrapper) {
        try {
            PluginState state = manager.startPlugin(wrapper.getPluginId());
            if (state != PluginState.STARTED) {
                Throwable cause = wrapper.getFailedException();
                problems.add(path + ": plugin '" + wrapper.getPluginId() + "' did not start ("
                        + (cause == null ? state.toString() : PluginHost.describe(cause)) + ")");
                return;
            }
        } catch (RuntimeException | LinkageError e) {
            problems.add(path + ": plugin '" + wrapper.getPluginId() + "' failed to start (" + PluginHost.describe(e)
                    + ")");
            return;
        }
        plugin = wrapper;
        id = wrapper.getPluginId();
        version = wrapper.getDescriptor().getVersion();
        register(id);
        if (protocols.isEmpty() && statusSources.isEmpty()) {
            List<String> causes = PluginDiagnosis.whyNoProtocol(wrapper);
            problems.add(path + ": plugin '" + id + "' " + version + " provides no protocol"
                    + (causes.isEmpty() ? "" : ": " + String.join("; ", causes)));
        }
    }

    /** Makes the daemon's one instance of each extension (PF4J makes a new one on every lookup). */
    private void register(String pluginId) {
        scope = new PluginScope("plugin '" + id + "' " + version);
        for (Class<? extends Protocol> type : extensionClasses(Protocol.class, pluginId)) {
            instantiate(type).ifPresent(p -> {
                try {
                    protocols.add(new NamedProtocol(p.name(), p));
                } catch (RuntimeException e) {
                    problems.add("plugin '" + id + "': " + type.getName() + ".name() failed (" + PluginHost.describe(e)
                            + ")");
                }
            });
        }
        for (Class<? extends StatusSource> type : extensionClasses(StatusSource.class, pluginId)) {
            instantiate(type).ifPresent(statusSources::add);
        }
    }

    private <T> List<Class<? extends T>> extensionClasses(Class<T> type, String pluginId) {
        try {
            return manager.getExtensionClasses(type, pluginId);
        } catch (RuntimeException | LinkageError e) {
            problems.add("plugin '" + id + "': cannot list its extensions (" + PluginHost.describe(e) + ")");
            return List.of();
        }
    }

    private <T> Optional<T> instantiate(Class<? extends T> type) {
        try {
            return Optional.of(type.cast(manager.getExtensionFactory().create(type)));
        } catch (RuntimeException | LinkageError e) {
            problems.add("plugin '" + id + "': cannot create " + type.getName() + " (" + PluginHost.describe(e) + ")");
            return Optional.empty();
        }
    }

    /** @return the file's path, size and modification time: what tells a replaced JAR from the one loaded */
    static String origin(Path path) {
        try {
            return path.toAbsolutePath() + " " + Files.size(path) + " bytes, modified " + Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return path.toAbsolutePath().toString();
        }
    }

    /** @return whether a later reload may keep this load of the file: it loaded cleanly and the file is unchanged */
    boolean reusableFor(Path file) {
        return plugin != null && problems.isEmpty() && file.equals(path) && origin.equals(origin(file));
    }

    /** One more host or service uses it. */
    LoadedPlugin retain() {
        users.incrementAndGet();
        return this;
    }

    /** A host or service lets go of it; the last one closes its state and stops and unloads the plugin. */
    void release() {
        if (users.decrementAndGet() > 0) {
            return;
        }
        if (path != null) {
            log.info("plugin {} {} unloaded: no service uses this load of it any more", id, version);
        }
        if (scope != null) {
            scope.close();
        }
        for (PluginWrapper loaded : List.copyOf(manager.getPlugins())) {
            try {
                if (loaded.getPluginState() == PluginState.STARTED) {
                    manager.stopPlugin(loaded.getPluginId());
                }
                manager.unloadPlugin(loaded.getPluginId()); // closes its class loader
            } catch (RuntimeException | LinkageError e) {
                log.warn("Plugin '{}' failed to stop: {}", loaded.getPluginId(), PluginHost.describe(e));
            }
        }
    }

    /** @return whether PF4J loaded and started it (always for the class path) */
    boolean started() {
        return plugin != null || path == null;
    }

    String id() {
        return id;
    }

    String version() {
        return version;
    }

    /** @return the file as it was when loaded, or {@code "classpath"} */
    String origin() {
        return origin;
    }

    Path path() {
        return path;
    }

    String description() {
        return plugin == null ? "" : Optional.ofNullable(plugin.getDescriptor().getPluginDescription()).orElse("");
    }

    List<NamedProtocol> protocols() {
        return protocols;
    }

    List<StatusSource> statusSources() {
        return statusSources;
    }

    PluginScope scope() {
        return scope;
    }

    List<String> problems() {
        return problems;
    }
}
