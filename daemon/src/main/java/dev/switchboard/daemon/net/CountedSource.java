package dev.switchboard.daemon.net;

import dev.switchboard.daemon.config.AddressText;
import dev.switchboard.daemon.config.Cidr;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * A client's address and what the per-IP limits count it as: an IPv4 address by itself, an IPv6
 * address by its network of {@code ipv6-prefix} bits, since one home connection holds a whole /64
 * and could otherwise open as many "different" clients as it has addresses. Java hands an
 * IPv4-mapped IPv6 client ({@code ::ffff:192.0.2.1}) over as the IPv4 address, so it shares that count.
 *
 * @param address the client's full address
 * @param counted the network whose count it takes: the address itself for IPv4 and for {@code /128}
 */
record CountedSource(InetAddress address, Cidr counted) {

    static CountedSource of(InetAddress address, int ipv6Prefix) {
        return new CountedSource(address, Cidr.of(address, address instanceof Inet4Address ? 32 : ipv6Prefix));
    }

    /** @return whether more addresses than this one share its count (an IPv6 prefix shorter than 128) */
    boolean grouped() {
        return counted.prefix() < address.getAddress().length * 8;
    }

    /** @return for the log: {@code 192.0.2.1}, or {@code 2001:db8:1:2::5 (counted as 2001:db8:1:2::/64)} */
    @Override
    public String toString() {
        String full = AddressText.of(address);
        return grouped() ? full + " (counted as " + counted + ")" : full;
    }
}
