package dev.switchboard.daemon.config;

import java.net.InetAddress;

/**
 * One entry under {@code services:}.
 *
 * @param name the entry's key
 * @param line where the entry starts
 * @param enabled false when {@code enabled: false}
 * @param protocol the protocol to serve (defaults to the name)
 * @param bind the address to listen on
 * @param port the port; 0 for any free one
 * @param access who may connect and how much
 * @param settings the whole section, for the plugin's own keys
 */
public record ServiceConfig(
        String name,
        int line,
        boolean enabled,
        String protocol,
        InetAddress bind,
        int port,
        AccessPolicy access,
        YamlSettings settings) {

    /** @return a copy with fresh plugin settings, for opening the service again */
    public YamlSettings freshSettings() {
        return settings.copy();
    }
}
