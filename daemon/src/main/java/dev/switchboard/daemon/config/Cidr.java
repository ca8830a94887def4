package dev.switchboard.daemon.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network such as {@code 192.168.0.0/16} or {@code fe80::/10}; a bare address is a
 * network of one.
 *
 * @param network the network's address, host bits cleared
 * @param prefix how many leading bits must match
 */
public record Cidr(InetAddress network, int prefix) {

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*(%[\\w.-]+)?");
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

    /**
     * @param text e.g. {@code 10.0.0.0/8}, {@code ::1}, {@code fc00::/7}
     * @return the network
     * @throws IllegalArgumentException with a message for the user when the text is not one
     */
    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addressPart = slash < 0 ? t : t.substring(0, slash);
        InetAddress address = literal(addressPart).orElseThrow(() -> new IllegalArgumentException(
                "'" + text + "' is not an address or network (e.g. 192.168.0.0/16, 10.1.2.3, fd00::/8)"));
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + text + "' has a bad prefix length (0 to " + bits + ")");
            }
        }
        return new Cidr(mask(address, prefix), prefix);
    }

    /**
     * @param address any address
     * @param prefix how many of its leading bits name the network (at most its length in bits)
     * @return the network of that many bits around the address, e.g. {@code 2001:db8:1:2::/64}
     */
    public static Cidr of(InetAddress address, int prefix) {
        int bits = address.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix " + prefix + " is not 0 to " + bits);
        }
        return new Cidr(mask(address, prefix), prefix);
    }

    /** @return the address if the text is an IP literal (never a DNS lookup) */
    static java.util.Optional<InetAddress> literal(String text) {
        // InetAddress.getByName looks up anything it cannot parse as a literal (300.1.1.1, 1.2.3.4%eth0)
        // as a host name: only hand it text that is a literal or contains ':' (then it never looks up).
        if (!LITERAL.matcher(text).matches() || (!text.contains(":") && !IPV4.matcher(text).matches())) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }

    /** @return whether the address lies in this network (an IPv4 address never matches an IPv6 network) */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != n[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int m = 0xFF << (8 - rest) & 0xFF;
        return (a[full] & m) == (n[full] & m);
    }

    private static InetAddress mask(InetAddress address, int prefix) {
        byte[] b = address.getAddress();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            b[i] &= (byte) (0xFF << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen: the length came from an address
        }
    }

    @Override
    public String toString() {
        String host = AddressText.of(network);
        int bits = network instanceof Inet4Address ? 32 : 128;
        return prefix == bits ? host : host + "/" + prefix;
    }
}
