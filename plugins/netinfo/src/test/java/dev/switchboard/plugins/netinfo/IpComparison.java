package dev.switchboard.plugins.netinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.plugins.netinfo.IpCommand.Link;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a netinfo JSON report field by field against {@code ip}'s view of the same interfaces.
 * Counters move while we look, so each must lie between {@code ip}'s reading before and after.
 */
final class IpComparison {

    /** netinfo's counter names and ip's header words for them. */
    private static final Map<String, String> RX = Map.of("bytes", "bytes", "packets", "packets",
            "errors", "errors", "dropped", "dropped");
    private static final Map<String, String> TX = Map.of("bytes", "bytes", "packets", "packets",
            "errors", "errors", "dropped", "dropped", "carrier", "carrier", "collisions", "collsns");

    private IpComparison() {
    }

    interface Report {
        String ask() throws IOException;
    }

    /** @return the report, after checking its interfaces, addresses and routes against ip's */
    @SuppressWarnings("unchecked")
    static Map<String, Object> check(IpCommand ip, Report report) throws IOException {
        Map<String, Link> before = ip.links();
        Map<String, Object> json = JsonReader.object(report.ask());
        Map<String, Link> after = ip.links();
        Map<String, List<String>> addresses = ip.addresses();

        List<Map<String, Object>> interfaces = (List<Map<String, Object>>) json.get("interfaces");
        assertEquals(new TreeSet<>(before.keySet()),
                new TreeSet<>(interfaces.stream().map(i -> (String) i.get("name")).toList()), "interface names");
        for (Map<String, Object> i : interfaces) {
            String name = (String) i.get("name");
            Link link = before.get(name);
            assertEquals((long) link.index(), i.get("index"), name + " index");
            assertEquals((long) link.mtu(), i.get("mtu"), name + " mtu");
            assertEquals(link.mac(), i.get("mac"), name + " MAC");
            assertEquals(link.state().toLowerCase(), i.get("operstate"), name + " operstate");
            assertEquals(expectedFlags(link), new TreeSet<>((List<String>) i.get("flags")), name + " flags");
            assertEquals(addresses.getOrDefault(name, List.of()), addressesOf(i), name + " addresses");
            counters(name + " RX", (Map<String, Object>) i.get("rx"), RX, link.rx(), after.get(name).rx());
            counters(name + " TX", (Map<String, Object>) i.get("tx"), TX, link.tx(), after.get(name).tx());
        }

        Map<String, Object> host = (Map<String, Object>) json.get("host");
        Set<String> gateways = new TreeSet<>();
        for (Map<String, Object> g : (List<Map<String, Object>>) host.get("gateways")) {
            gateways.add(g.get("family") + " " + g.get("address") + " dev " + g.get("interface")
                    + " metric " + g.get("metric"));
        }
        assertEquals(ip.defaultRoutes(), gateways, "default routes");
        return json;
    }

    /** ip hides RUNNING; the kernel sets it on an UP interface whose operstate is UP or UNKNOWN. */
    private static Set<String> expectedFlags(Link link) {
        Set<String> expected = new TreeSet<>();
        for (String flag : List.of("UP", "BROADCAST", "LOOPBACK", "POINTOPOINT", "MULTICAST")) {
            if (link.flags().contains(flag)) {
                expected.add(flag);
            }
        }
        if (link.flags().contains("UP") && (link.state().equals("UP") || link.state().equals("UNKNOWN"))) {
            expected.add("RUNNING");
        }
        return expected;
    }

    @SuppressWarnings("unchecked")
    private static List<String> addressesOf(Map<String, Object> i) {
        List<String> found = new ArrayList<>();
        for (Map<String, Object> a : (List<Map<String, Object>>) i.get("inet")) {
            Object brd = a.get("broadcast");
            found.add("inet " + a.get("address") + "/" + a.get("prefix") + (brd == null ? "" : " brd " + brd));
            assertEquals(Addresses.netmask(((Long) a.get("prefix")).intValue()), a.get("netmask"));
        }
        for (Map<String, Object> a : (List<Map<String, Object>>) i.get("inet6")) {
            found.add("inet6 " + a.get("address") + "/" + a.get("prefix") + " scope " + a.get("scope"));
        }
        found.sort(null);
        return found;
    }

    private static void counters(String what, Map<String, Object> ours, Map<String, String> names,
            Map<String, Long> before, Map<String, Long> after) {
        names.forEach((mine, theirs) -> {
            if (!before.containsKey(theirs)) {
                return;   // an older ip that does not print this counter
            }
            long value = (Long) ours.get(mine);
            assertTrue(before.get(theirs) <= value && value <= after.get(theirs),
                    what + " " + mine + ": " + value + " not within ip's " + before.get(theirs) + ".."
                            + after.get(theirs));
        });
    }
}
