package dev.switchboard.daemon.plugin;

import dev.switchboard.api.Protocol;

/**
 * A protocol and the plugin it came from.
 *
 * @param protocol the daemon's one instance of the extension
 * @param pluginId the plugin's id, or {@code "classpath"} for a protocol on the daemon's class path
 * @param pluginVersion the plugin's version, or the daemon's for the class path
 * @param origin the plugin's file as it was when loaded (path, size, modification time), or {@code "classpath"};
 *     a reload compares it to tell an updated JAR from the same one
 */
public record ProtocolProvider(Protocol protocol, String pluginId, String pluginVersion, String origin) {

    /** @return whether the other provider is the same plugin from the same, unmodified file */
    public boolean sameOrigin(ProtocolProvider other) {
        return pluginId.equals(other.pluginId) && pluginVersion.equals(other.pluginVersion)
                && origin.equals(other.origin);
    }
}
