package dev.switchboard.daemon.plugin;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.pf4j.LegacyExtensionFinder;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;
import org.pf4j.processor.LegacyExtensionStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each plugin's extension index from the plugin's own files only. PF4J's finder asks the plugin's
 * class loader, which falls back to the daemon's class path: a JAR without an index then lists the class
 * path's extensions as its own (in a test, whose class path holds the plugin's classes too, a broken JAR
 * passed).
 */
final class OwnIndexExtensionFinder extends LegacyExtensionFinder {

    private static final Logger log = LoggerFactory.getLogger(OwnIndexExtensionFinder.class);

    OwnIndexExtensionFinder(PluginManager manager) {
        super(manager);
    }

    @Override
    public Map<String, Set<String>> readPluginsStorages() {
        Map<String, Set<String>> result = new LinkedHashMap<>();
        for (PluginWrapper plugin : pluginManager.getPlugins()) {
            Set<String> names = new HashSet<>();
            URL index = plugin.getPluginClassLoader() instanceof URLClassLoader own
                    ? own.findResource(PluginDiagnosis.EXTENSIONS_INDEX) : null;
            if (index != null) {
                try (Reader reader = new InputStreamReader(index.openStream(), StandardCharsets.UTF_8)) {
                    LegacyExtensionStorage.read(reader, names);
                } catch (IOException e) {
                    log.warn("Plugin '{}': cannot read {}: {}", plugin.getPluginId(), index, e.toString());
                }
            }
            result.put(plugin.getPluginId(), names);
        }
        return result;
    }
}
