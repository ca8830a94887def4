package dev.switchboard.daemon.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * Who may connect to a service and how much: from {@code defaults:}, overridden per service.
 *
 * @param idleTimeout silence after which a connection is closed
 * @param maxConnections connections the service holds at once
 * @param maxConnectionsPerIp connections one client address holds at once
 * @param maxConnectsPerSecondPerIp new connections per second from one address; 0 for no limit
 * @param ipv6Prefix how many leading bits of an IPv6 client's address the two per-IP limits count as one
 *     client (one home connection holds a whole /64); IPv4 clients are counted by their whole address
 * @param allow when not empty, only these networks may connect
 * @param deny these networks may not connect, even if allowed
 * @param busyMessage the line sent to a client refused by a limit; empty for none
 * @param denyMessage the line sent to a client refused by the access lists; empty for none
 * @param proxies the proxies (networks) whose connections start with a PROXY protocol header naming the
 *     real client; when not empty, only they may connect. Empty: the protocol is off
 */
public record AccessPolicy(
        Duration idleTimeout,
        int maxConnections,
        int maxConnectionsPerIp,
        int maxConnectsPerSecondPerIp,
        int ipv6Prefix,
        List<Cidr> allow,
        List<Cidr> deny,
        String busyMessage,
        String denyMessage,
        List<Cidr> proxies) {

    /** Used where the configuration says nothing. */
    public static final AccessPolicy DEFAULT = new AccessPolicy(DaemonKeys.IDLE_TIMEOUT.fallback(),
            DaemonKeys.MAX_CONNECTIONS.fallback(), DaemonKeys.MAX_CONNECTIONS_PER_IP.fallback(),
            DaemonKeys.MAX_CONNECTS_PER_SECOND_PER_IP.fallback(), DaemonKeys.IPV6_PREFIX.fallback(),
            DaemonKeys.ALLOW.fallback(), DaemonKeys.DENY.fallback(), DaemonKeys.BUSY_MESSAGE.fallback(),
            DaemonKeys.DENY_MESSAGE.fallback(), DaemonKeys.PROXY_PROTOCOL.fallback());

    public AccessPolicy {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
        proxies = List.copyOf(proxies);
    }

    /** @return whether the service expects a PROXY protocol header on every connection */
    public boolean behindProxy() {
        return !proxies.isEmpty();
    }

    /** @return whether a connection from {@code peer} may carry a PROXY header that is believed */
    public boolean trustsProxy(InetAddress peer) {
        return proxies.stream().anyMatch(c -> c.contains(peer));
    }

    /** @return whether the access lists let the address in: deny wins, an empty allow list allows all */
    public boolean permits(InetAddress address) {
        if (deny.stream().anyMatch(c -> c.contains(address))) {
            return false;
        }
        return allow.isEmpty() || allow.stream().anyMatch(c -> c.contains(address));
    }
}
