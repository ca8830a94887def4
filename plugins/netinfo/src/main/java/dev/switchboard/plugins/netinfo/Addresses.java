package dev.switchboard.plugins.netinfo;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Address text as {@code ip} prints it: dotted IPv4, RFC 5952 compressed IPv6, colon-separated MACs. */
final class Addresses {

    private Addresses() {
    }

    static String text(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        return ipv6(address.getAddress());
    }

    /** RFC 5952: lower-case hex, no leading zeros, the longest run (of two or more) of zero groups as {@code ::}. */
    static String ipv6(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** @return the IPv4 netmask of a prefix length, e.g. 24 gives {@code 255.255.255.0} */
    static String netmask(int prefix) {
        long mask = prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
        return (mask >>> 24) + "." + ((mask >>> 16) & 0xFF) + "." + ((mask >>> 8) & 0xFF) + "." + (mask & 0xFF);
    }

    /** The scope {@code ip addr} shows for an IPv6 address. */
    static String scope(Inet6Address address) {
        if (address.isLoopbackAddress()) {
            return "host";
        }
        if (address.isLinkLocalAddress()) {
            return "link";
        }
        return address.isSiteLocalAddress() ? "site" : "global";
    }

    static String mac(byte[] hardware) {
        StringBuilder text = new StringBuilder(hardware.length * 3);
        for (byte b : hardware) {
            if (text.length() > 0) {
                text.append(':');
            }
            text.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return text.toString();
    }
}
