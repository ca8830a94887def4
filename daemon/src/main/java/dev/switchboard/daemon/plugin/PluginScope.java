package dev.switchboard.daemon.plugin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The objects one loaded plugin keeps for all its services ({@code ServiceContext.pluginState}): one
 * per class, made on first use, closed (when {@link AutoCloseable}) in reverse order of making when the
 * plugin is unloaded. Thread-safe: services open, and their clients run, side by side.
 */
public final class PluginScope {

    private static final Logger log = LoggerFactory.getLogger(PluginScope.class);

    private final String plugin;
    private final Map<Class<?>, Object> objects = new LinkedHashMap<>();
    private boolean closed;

    /** @param plugin the plugin as the log names it */
    PluginScope(String plugin) {
        this.plugin = plugin;
    }

    /**
     * @return the plugin's object of this type, made by {@code create} if it has none yet
     * @throws IllegalStateException once the plugin is unloaded, or when {@code create} gives nothing
     */
    public synchronized <T> T get(Class<T> type, Supplier<? extends T> create) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(create, "create");
        if (closed) {
            throw new IllegalStateException(plugin + " is unloaded: its state is gone");
        }
        Object existing = objects.get(type);
        if (existing == null) {
            existing = type.cast(Objects.requireNonNull(create.get(), "pluginState's create gave null"));
            objects.put(type, existing);
        }
        return type.cast(existing);
    }

    /** Closes what is closeable, newest first; a failure is logged and the rest still close. */
    synchronized void close() {
        closed = true;
        List<Object> newestFirst = new ArrayList<>(objects.values());
        Collections.reverse(newestFirst);
        objects.clear();
        for (Object o : newestFirst) {
            if (o instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception | LinkageError e) {
                    log.warn("{}: closing its state {} failed: {}", plugin, o.getClass().getName(), e.toString());
                }
            }
        }
    }
}
