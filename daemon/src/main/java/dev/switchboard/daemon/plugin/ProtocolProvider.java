package dev.switchboard.daemon.plugin;

import dev.switchboard.api.Protocol;

/**
 * A protocol and the load of the plugin it came from. A service {@link #retain retains} the load while
 * its handler lives, so the plugin's classes and state stay for as long as any service needs them,
 * whichever reload loaded them.
 */
public final class ProtocolProvider {

    private final Protocol protocol;
    private final LoadedPlugin plugin;

    ProtocolProvider(Protocol protocol, LoadedPlugin plugin) {
        this.protocol = protocol;
        this.plugin = plugin;
    }

    /** @return the daemon's one instance of the extension */
    public Protocol protocol() {
        return protocol;
    }

    /** @return the plugin's id, or {@code "classpath"} for a protocol on the daemon's class path */
    public String pluginId() {
        return plugin.id();
    }

    /** @return the plugin's version, or the daemon's for the class path */
    public String pluginVersion() {
        return plugin.version();
    }

    /**
     * @return the plugin's file as it was when loaded (path, size, modification time), or {@code "classpath"};
     *     a reload compares it to tell an updated JAR from the same one
     */
    public String origin() {
        return plugin.origin();
    }

    /** @return the plugin's state, shared by its services for as long as this load of it lives */
    public PluginScope scope() {
        return plugin.scope();
    }

    /** Keeps the plugin loaded until the matching {@link #release()}. */
    public void retain() {
        plugin.retain();
    }

    /** Lets go of what {@link #retain()} kept: the last to let go unloads the plugin. */
    public void release() {
        plugin.release();
    }

    /** @return whether the other provider is the same plugin from the same, unmodified file */
    public boolean sameOrigin(ProtocolProvider other) {
        return pluginId().equals(other.pluginId()) && pluginVersion().equals(other.pluginVersion())
                && origin().equals(other.origin());
    }

    @Override
    public String toString() {
        return "protocol from plugin '" + pluginId() + "' " + pluginVersion();
    }
}
