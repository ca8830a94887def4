package dev.switchboard.daemon.config;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Writes an address the way people write it: IPv6 with its longest run of zero groups as {@code ::}
 * (RFC 5952), so the wildcard reads {@code ::}, not {@code 0:0:0:0:0:0:0:0}.
 */
public final class AddressText {

    private AddressText() {
    }

    /** @return the address as text, e.g. {@code 127.0.0.1}, {@code ::}, {@code fe80::1%eth0} */
    public static String of(InetAddress address) {
        String full = address.getHostAddress();
        if (!(address instanceof Inet6Address)) {
            return full;
        }
        int percent = full.indexOf('%');
        String scope = percent < 0 ? "" : full.substring(percent);
        String[] groups = (percent < 0 ? full : full.substring(0, percent)).split(":");
        int bestStart = -1;
        int bestLength = 1; // RFC 5952: a single zero group is not shortened
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail + scope;
    }
}
