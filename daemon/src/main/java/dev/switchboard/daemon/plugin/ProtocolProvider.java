package dev.switchboard.daemon.plugin;

import dev.switchboard.api.Protocol;

/**
 * A protocol and the plugin it came from.
 *
 * @param protocol the daemon's one instance of the extension
 * @param pluginId the plugin's id, or {@code "classpath"} for a protocol on the daemon's class path
 * @param pluginVersion the plugin's version, or the daemon's for the class path
 */
public record ProtocolProvider(Protocol protocol, String pluginId, String pluginVersion) {
}
