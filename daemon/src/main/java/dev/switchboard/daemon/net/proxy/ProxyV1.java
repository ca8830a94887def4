package dev.switchboard.daemon.net.proxy;

import dev.switchboard.daemon.net.proxy.ProxyHeader.BadProxyHeader;
import dev.switchboard.daemon.net.proxy.ProxyHeader.HeaderBytes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The text header, version 1: {@code PROXY TCP4 192.0.2.1 198.51.100.2 56324 443\r\n}, at most 107 bytes. */
final class ProxyV1 {

    static final int MAX = 107;
    private static final Pattern TCP = Pattern.compile(
            "PROXY (TCP4|TCP6) ([0-9a-fA-F.:]{2,45}) ([0-9a-fA-F.:]{2,45}) (0|[1-9][0-9]{0,4}) (0|[1-9][0-9]{0,4})\r\n");

    private ProxyV1() {
    }

    /** @param start the first bytes read, which begin with 'P' */
    static ProxyHeader read(byte[] start, HeaderBytes in) throws IOException {
        StringBuilder line = new StringBuilder(new String(start, StandardCharsets.US_ASCII));
        if (!line.toString().startsWith("PROXY ")) {
            throw new BadProxyHeader("no PROXY header (the connection did not start with one)");
        }
        // One byte at a time past the shortest header: the client's data may follow the CRLF at once.
        while (!line.toString().endsWith("\r\n")) {
            if (line.length() >= MAX) {
                throw new BadProxyHeader("v1 header longer than " + MAX + " bytes");
            }
            line.append((char) (in.read(1)[0] & 0xFF));
        }
        String text = line.toString();
        if (text.startsWith("PROXY UNKNOWN")) {
            return new ProxyHeader(Optional.empty(), Optional.empty(), false); // the rest of the line is ignored
        }
        Matcher m = TCP.matcher(text);
        if (!m.matches()) {
            throw new BadProxyHeader("malformed v1 header: " + printable(text));
        }
        boolean v6 = m.group(1).equals("TCP6");
        return new ProxyHeader(Optional.of(address(m.group(2), m.group(4), v6)),
                Optional.of(address(m.group(3), m.group(5), v6)), false);
    }

    private static InetSocketAddress address(String host, String port, boolean v6) throws BadProxyHeader {
        int p = Integer.parseInt(port);
        if (p > 65535) {
            throw new BadProxyHeader("v1 header port " + p + " is out of range");
        }
        // Only literals: InetAddress.getByName on anything else would be a DNS lookup.
        boolean looksV6 = host.indexOf(':') >= 0;
        if (looksV6 != v6 || (!v6 && !host.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
            throw new BadProxyHeader("v1 header address '" + host + "' is not a " + (v6 ? "TCP6" : "TCP4") + " address");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), p);
        } catch (IOException e) {
            throw new BadProxyHeader("v1 header address '" + host + "' is not an IP address");
        }
    }

    static String printable(String text) {
        return text.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
