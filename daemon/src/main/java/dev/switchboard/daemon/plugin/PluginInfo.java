package dev.switchboard.daemon.plugin;

import java.nio.file.Path;
import java.util.List;

/**
 * A loaded plugin, for {@code switchboard plugins} and the startup log.
 *
 * @param id the plugin's id
 * @param version its version
 * @param description its description, possibly empty
 * @param path the JAR or directory it was loaded from
 * @param protocols the protocols it provides
 */
public record PluginInfo(String id, String version, String description, Path path, List<String> protocols) {

    public PluginInfo {
        protocols = List.copyOf(protocols);
    }
}
