package dev.switchboard.plugins.netinfo;

import dev.switchboard.plugins.netinfo.Network.Gateway;
import dev.switchboard.plugins.netinfo.Network.Host;
import dev.switchboard.plugins.netinfo.Network.Interface;
import dev.switchboard.plugins.netinfo.Network.Ipv4;
import dev.switchboard.plugins.netinfo.Network.Ipv6;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as plain maps and lists: written as JSON, and (without the unknowns) the {@code network}
 * status source. Unknown values are {@code null} here: JSON's way to say "not known".
 */
final class ReportMaps {

    private ReportMaps() {
    }

    static Map<String, Object> report(Host host, List<Interface> interfaces) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("host", host(host));
        List<Object> list = new ArrayList<>();
        interfaces.forEach(i -> list.add(of(i)));
        report.put("interfaces", list);
        return report;
    }

    static Map<String, Object> host(Host host) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("hostname", host.hostname().orElse(null));
        List<Object> gateways = new ArrayList<>();
        for (Gateway g : host.gateways()) {
            Map<String, Object> gw = new LinkedHashMap<>();
            gw.put("family", g.family());
            gw.put("address", g.address());
            gw.put("interface", g.device());
            gw.put("metric", g.metric());
            gateways.add(gw);
        }
        map.put("gateways", gateways);
        Map<String, Object> dns = new LinkedHashMap<>();
        dns.put("servers", host.resolver().servers());
        dns.put("search", host.resolver().search());
        dns.put("source", host.resolver().source().orElse(null));
        map.put("dns", dns);
        return map;
    }

    static Map<String, Object> of(Interface i) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", i.name());
        map.put("index", i.index().orElse(null));
        map.put("flags", i.flags());
        map.put("mac", i.mac().orElse(null));
        map.put("mtu", i.mtu().orElse(null));
        map.put("speed_mbps", i.speedMbps().orElse(null));
        map.put("operstate", i.operstate().orElse(null));
        List<Object> v4 = new ArrayList<>();
        for (Ipv4 a : i.ipv4()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("address", a.address());
            m.put("prefix", a.prefix());
            m.put("netmask", a.netmask());
            m.put("broadcast", a.broadcast().orElse(null));
            v4.add(m);
        }
        map.put("inet", v4);
        List<Object> v6 = new ArrayList<>();
        for (Ipv6 a : i.ipv6()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("address", a.address());
            m.put("prefix", a.prefix());
            m.put("scope", a.scope());
            v6.add(m);
        }
        map.put("inet6", v6);
        map.put("rx", counters(i.rx(), Interface.RX_COUNTERS));
        map.put("tx", counters(i.tx(), Interface.TX_COUNTERS));
        return map;
    }

    /** A copy without null values, at every depth: status sources carry known values only. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withoutUnknowns(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (value instanceof Map<?, ?> inner) {
                copy.put(key, withoutUnknowns((Map<String, Object>) inner));
            } else if (value instanceof List<?> list) {
                List<Object> items = new ArrayList<>();
                list.forEach(item -> items.add(item instanceof Map<?, ?> m ? withoutUnknowns((Map<String, Object>) m) : item));
                copy.put(key, items);
            } else if (value != null) {
                copy.put(key, value);
            }
        });
        return copy;
    }

    private static Map<String, Object> counters(Map<String, Long> values, List<String> order) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String key : order) {
            map.put(key, values.get(key));
        }
        return map;
    }
}
