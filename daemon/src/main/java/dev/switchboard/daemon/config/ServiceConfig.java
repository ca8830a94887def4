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
 * @param transport TCP, UDP or both on the one port
 * @param tls the certificate and key when the service speaks TLS
 * @param datagrams how many amplifying datagram answers it may send
 */
public record ServiceConfig(
        String name,
        int line,
        boolean enabled,
        String protocol,
        InetAddress bind,
        int port,
        AccessPolicy access,
        YamlSettings settings,
        Transport transport,
        TlsConfig tls,
        DatagramLimits datagrams) {

    /** A plain TCP service, as before TLS and UDP existed. */
    public ServiceConfig(String name, int line, boolean enabled, String protocol, InetAddress bind, int port,
                         AccessPolicy access, YamlSettings settings) {
        this(name, line, enabled, protocol, bind, port, access, settings, Transport.TCP, TlsConfig.NONE,
                DatagramLimits.DEFAULT);
    }

    /** @return a copy with fresh plugin settings, for opening the service again */
    public YamlSettings freshSettings() {
        return settings.copy();
    }
}
