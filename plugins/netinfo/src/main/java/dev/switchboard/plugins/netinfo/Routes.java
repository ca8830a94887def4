package dev.switchboard.plugins.netinfo;

import dev.switchboard.plugins.netinfo.Network.Gateway;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Default gateways from Linux's {@code /proc/net/route} and {@code /proc/net/ipv6_route}. */
final class Routes {

    private static final int RTF_UP = 0x1;
    private static final int RTF_GATEWAY = 0x2;
    private static final int RTF_REJECT = 0x200;

    private Routes() {
    }

    static List<Gateway> defaults(Sources sources) {
        List<Gateway> gateways = new ArrayList<>();
        for (String line : Sources.lines(sources.procfs().resolve("net/route"))) {
            parseIpv4(line.trim().split("\\s+"), gateways);
        }
        for (String line : Sources.lines(sources.procfs().resolve("net/ipv6_route"))) {
            parseIpv6(line.trim().split("\\s+"), gateways);
        }
        return gateways;
    }

    /** Iface Destination Gateway Flags RefCnt Use Metric Mask ...; addresses in the kernel's byte order. */
    private static void parseIpv4(String[] f, List<Gateway> out) {
        if (f.length < 8 || !isHex(f[1]) || !f[1].equals("00000000") || !f[7].equals("00000000")) {
            return;
        }
        try {
            int flags = Integer.parseInt(f[3], 16);
            if ((flags & (RTF_UP | RTF_GATEWAY)) != (RTF_UP | RTF_GATEWAY)) {
                return;
            }
            // The kernel prints the network-order address as a host-order integer.
            byte[] bytes = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder())
                    .putInt((int) Long.parseLong(f[2], 16)).array();
            out.add(new Gateway("inet", InetAddress.getByAddress(bytes).getHostAddress(), f[0],
                    Long.parseLong(f[6])));
        } catch (NumberFormatException | UnknownHostException e) {
            // A line we do not understand is skipped, not guessed at.
        }
    }

    /** dest dest_len src src_len next_hop metric refcnt use flags iface, all hex. */
    private static void parseIpv6(String[] f, List<Gateway> out) {
        if (f.length < 10 || !f[1].equals("00") || f[4].length() != 32 || !isHex(f[4])) {
            return;
        }
        try {
            int flags = (int) Long.parseLong(f[8], 16);
            if ((flags & RTF_GATEWAY) == 0 || (flags & RTF_REJECT) != 0) {
                return;
            }
            byte[] hop = new byte[16];
            for (int i = 0; i < 16; i++) {
                hop[i] = (byte) Integer.parseInt(f[4].substring(2 * i, 2 * i + 2), 16);
            }
            out.add(new Gateway("inet6", Addresses.ipv6(hop), f[9], Long.parseLong(f[5], 16)));
        } catch (NumberFormatException e) {
            // As above: skipped.
        }
    }

    private static boolean isHex(String text) {
        return text.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
}
