package dev.switchboard.plugins.netinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network namespace with a veth pair of known MACs, MTU, addresses and default routes: netinfo
 * run inside it must report exactly those. Needs root (CI runs as root); skipped otherwise.
 */
class NetworkNamespaceTest {

    private static final String NS = "sbnetinfo" + ProcessHandle.current().pid();
    private static final boolean HAS_TUN = Files.exists(Path.of("/dev/net/tun"));

    @TempDir
    Path tmp;
    private boolean created;

    @BeforeEach
    void rootWithIproute2() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/sys/class/net")), "not Linux: no network namespaces");
        assumeTrue(IpCommand.run(List.of("id", "-u")).strip().equals("0"),
                "skipped: creating a network namespace needs root (CI runs this test as root)");
        // Both veth ends live in the namespace, so deleting it removes everything this test made.
        ip("netns", "add", NS);
        created = true;
        ip("-n", NS, "link", "add", "nsa", "address", "02:00:00:aa:bb:01", "mtu", "1450", "type", "veth",
                "peer", "name", "nsb", "address", "02:00:00:aa:bb:02", "mtu", "1450");
        for (String dev : List.of("nsa", "nsb")) {
            // No automatic link-local address: only the addresses this test gives exist.
            ip("-n", NS, "link", "set", dev, "addrgenmode", "none");
        }
        ip("-n", NS, "addr", "add", "10.99.0.2/24", "brd", "+", "dev", "nsa");
        // An alias address, without a broadcast address.
        ip("-n", NS, "addr", "add", "10.99.1.2/28", "dev", "nsa", "label", "nsa:1");
        ip("-n", NS, "addr", "add", "fd99::2/64", "dev", "nsa", "nodad");
        for (String dev : List.of("lo", "nsa", "nsb")) {
            ip("-n", NS, "link", "set", dev, "up");
        }
        if (HAS_TUN) {
            // A point-to-point link without a hardware address; no program attached, so no carrier.
            ip("-n", NS, "tuntap", "add", "mode", "tun", "name", "nst");
            ip("-n", NS, "addr", "add", "10.98.0.1", "peer", "10.98.0.2", "dev", "nst");
            ip("-n", NS, "link", "set", "nst", "up");
        }
        ip("-n", NS, "route", "add", "default", "via", "10.99.0.1", "dev", "nsa");
        ip("-n", NS, "-6", "route", "add", "default", "via", "fd99::1", "dev", "nsa", "metric", "512");
    }

    @AfterEach
    void deleteNamespace() throws IOException {
        if (created) {
            ip("netns", "del", NS);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void reportsExactlyTheNamespacesInterfacesRoutesAndResolver() throws IOException {
        Path resolvConf = tmp.resolve("resolv.conf");
        Files.writeString(resolvConf, "nameserver 10.99.0.53\nnameserver fd99::53\nsearch ns.example\n");

        Map<String, Object> json = IpComparison.check(new IpCommand(List.of("ip", "netns", "exec", NS)),
                () -> runInNamespace(resolvConf));

        Map<String, Object> host = (Map<String, Object>) json.get("host");
        assertEquals(List.of(
                Map.of("family", "inet", "address", "10.99.0.1", "interface", "nsa", "metric", 0L),
                Map.of("family", "inet6", "address", "fd99::1", "interface", "nsa", "metric", 512L)),
                host.get("gateways"));
        Map<String, Object> dns = (Map<String, Object>) host.get("dns");
        assertEquals(List.of("10.99.0.53", "fd99::53"), dns.get("servers"));
        assertEquals(List.of("ns.example"), dns.get("search"));
        assertEquals(resolvConf.toString(), dns.get("source"));

        List<Map<String, Object>> interfaces = (List<Map<String, Object>>) json.get("interfaces");
        assertEquals(HAS_TUN ? List.of("lo", "nsa", "nsb", "nst") : List.of("lo", "nsa", "nsb"),
                interfaces.stream().map(i -> i.get("name")).sorted().toList());
        Map<String, Object> nsa = byName(interfaces, "nsa");
        assertEquals("02:00:00:aa:bb:01", nsa.get("mac"));
        assertEquals(1450L, nsa.get("mtu"));
        assertEquals("up", nsa.get("operstate"));
        assertEquals(List.of("UP", "BROADCAST", "RUNNING", "MULTICAST"), nsa.get("flags"));
        List<Map<String, Object>> inet = (List<Map<String, Object>>) nsa.get("inet");
        assertEquals(2, inet.size(), "each address once: " + inet);
        assertEquals(Set.of(
                Map.of("address", "10.99.0.2", "prefix", 24L, "netmask", "255.255.255.0", "broadcast", "10.99.0.255"),
                Map.of("address", "10.99.1.2", "prefix", 28L, "netmask", "255.255.255.240")),
                Set.copyOf(inet.stream().map(NetworkNamespaceTest::withoutNulls).toList()),
                "the alias nsa:1's address belongs to nsa, without a broadcast address");
        assertEquals(10000L, nsa.get("speed_mbps"), "veth's nominal speed");
        assertEquals(List.of(Map.of("address", "fd99::2", "prefix", 64L, "scope", "global")), nsa.get("inet6"));
        Map<String, Object> nsb = byName(interfaces, "nsb");
        assertEquals("02:00:00:aa:bb:02", nsb.get("mac"));
        assertEquals(List.of(), nsb.get("inet"));
        assertEquals(List.of(), nsb.get("inet6"));
        if (HAS_TUN) {
            Map<String, Object> nst = byName(interfaces, "nst");
            assertEquals(List.of("UP", "POINTOPOINT", "MULTICAST"), nst.get("flags"), "up, but not running");
            assertEquals("down", nst.get("operstate"));
            assertEquals(null, nst.get("mac"), "a tun device has no hardware address");
            assertEquals(List.of(Map.of("address", "10.98.0.1", "prefix", 32L, "netmask", "255.255.255.255")),
                    ((List<Map<String, Object>>) nst.get("inet")).stream().map(NetworkNamespaceTest::withoutNulls)
                            .toList());
        }
        Map<String, Object> lo = byName(interfaces, "lo");
        assertEquals(List.of("UP", "LOOPBACK", "RUNNING"), lo.get("flags"));
        assertEquals(1L, lo.get("index"));
        assertEquals("00:00:00:00:00:00", lo.get("mac"));
    }

    private static String runInNamespace(Path resolvConf) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", NS,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                NamespaceChild.class.getName(), resolvConf.getParent().toString()));
        return IpCommand.run(command);
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> map) {
        Map<String, Object> copy = new HashMap<>(map);
        copy.values().removeIf(v -> v == null);
        return copy;
    }

    private static Map<String, Object> byName(List<Map<String, Object>> interfaces, String name) {
        return interfaces.stream().filter(i -> name.equals(i.get("name"))).findFirst().orElseThrow();
    }

    private static void ip(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        IpCommand.run(command);
    }
}
