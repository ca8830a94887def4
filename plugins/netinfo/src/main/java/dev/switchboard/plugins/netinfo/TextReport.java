package dev.switchboard.plugins.netinfo;

import dev.switchboard.plugins.netinfo.Network.Gateway;
import dev.switchboard.plugins.netinfo.Network.Host;
import dev.switchboard.plugins.netinfo.Network.Interface;
import dev.switchboard.plugins.netinfo.Network.Ipv4;
import dev.switchboard.plugins.netinfo.Network.Ipv6;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The ifconfig-like text report; lines end in CRLF, as finger-style protocols do. */
final class TextReport {

    private static final String CRLF = "\r\n";
    private static final String UNKNOWN = "unknown";
    private static final String INDENT = "        ";

    private TextReport() {
    }

    static String host(Host host) {
        StringBuilder out = new StringBuilder(256);
        out.append("host ").append(host.hostname().orElse(UNKNOWN)).append(CRLF);
        if (host.gateways().isEmpty()) {
            out.append(INDENT).append("gateway none").append(CRLF);
        }
        for (Gateway g : host.gateways()) {
            out.append(INDENT).append("gateway ").append(g.address()).append(" dev ").append(g.device())
                    .append(" metric ").append(g.metric()).append(CRLF);
        }
        out.append(INDENT).append("dns ").append(words(host.resolver().servers())).append(CRLF);
        out.append(INDENT).append("search ").append(words(host.resolver().search())).append(CRLF);
        out.append(INDENT).append("resolver ").append(host.resolver().source().orElse(UNKNOWN)).append(CRLF);
        return out.toString();
    }

    static String of(Interface i) {
        StringBuilder out = new StringBuilder(512);
        out.append(i.name()).append(": index ").append(text(i.index()))
                .append(" flags=<").append(String.join(",", i.flags())).append('>')
                .append(" mtu ").append(text(i.mtu())).append(CRLF);
        out.append(INDENT).append("operstate ").append(text(i.operstate()))
                .append(" speed ").append(i.speedMbps().map(s -> s + "Mb/s").orElse(UNKNOWN)).append(CRLF);
        out.append(INDENT).append("ether ").append(text(i.mac())).append(CRLF);
        for (Ipv4 a : i.ipv4()) {
            out.append(INDENT).append("inet ").append(a.address()).append('/').append(a.prefix())
                    .append(" netmask ").append(a.netmask());
            a.broadcast().ifPresent(b -> out.append(" broadcast ").append(b));
            out.append(CRLF);
        }
        for (Ipv6 a : i.ipv6()) {
            out.append(INDENT).append("inet6 ").append(a.address()).append('/').append(a.prefix())
                    .append(" scope ").append(a.scope()).append(CRLF);
        }
        counters(out, "RX", i.rx(), Interface.RX_COUNTERS);
        counters(out, "TX", i.tx(), Interface.TX_COUNTERS);
        return out.toString();
    }

    static String all(Host host, List<Interface> interfaces) {
        StringBuilder out = new StringBuilder(host(host));
        for (Interface i : interfaces) {
            out.append(CRLF).append(of(i));
        }
        return out.toString();
    }

    private static void counters(StringBuilder out, String label, Map<String, Long> values, List<String> order) {
        out.append(INDENT).append(label);
        for (String key : order) {
            Long value = values.get(key);
            out.append(' ').append(key).append(' ').append(value == null ? UNKNOWN : value.toString());
        }
        out.append(CRLF);
    }

    private static String words(List<String> items) {
        return items.isEmpty() ? "none" : String.join(" ", items);
    }

    private static String text(Optional<?> value) {
        return value.map(Object::toString).orElse(UNKNOWN);
    }
}
