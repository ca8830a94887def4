package dev.switchboard.plugins.netinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.plugins.netinfo.Network.Gateway;
import dev.switchboard.plugins.netinfo.Network.Resolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file parsers against known contents, as the Linux kernel and resolv.conf(5) write them. */
class KnownFilesTest {

    @TempDir
    Path root;

    @Test
    void readsDefaultGatewaysOfBothFamiliesInKernelByteOrder() throws IOException {
        write("proc/net/route", """
                Iface	Destination	Gateway 	Flags	RefCnt	Use	Metric	Mask		MTU	Window	IRTT
                eth0	00000000	010200C0	0003	0	0	100	00000000	0	0	0
                eth0	000200C0	00000000	0001	0	0	0	00FFFFFF	0	0	0
                wg0	00000000	00000000	0001	0	0	50	00000000	0	0	0
                """);
        write("proc/net/ipv6_route", """
                fd000000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0
                00000000000000000000000000000000 00 00000000000000000000000000000000 00 fd000000000000000000000000000001 00000400 00000002 00000000 00000003     eth0
                00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe80000000000000000000000000abcd 00000200 00000002 00000000 00450003     eth1
                00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo
                """);
        // On little-endian hosts 010200C0 is 192.0.2.1; the kernel writes host order on any host.
        String expected4 = java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN
                ? "192.0.2.1" : "1.2.0.192";
        assertEquals(List.of(
                new Gateway("inet", expected4, "eth0", 100),
                new Gateway("inet6", "fd00::1", "eth0", 1024),
                new Gateway("inet6", "fe80::abcd", "eth1", 512)), Routes.defaults(sources()));
    }

    @Test
    void missingRouteFilesMeanNoGatewaysNotAnError() {
        assertEquals(List.of(), Routes.defaults(sources()));
    }

    @Test
    void resolverKeepsEveryNameserverAndTheLastSearchLine() throws IOException {
        write("etc/resolv.conf", """
                # generated
                domain old.example
                nameserver 192.0.2.53
                ; comment
                nameserver 2001:db8::53
                search corp.example lab.example # trailing comment
                options edns0
                """);
        assertEquals(new Resolver(Optional.of(root.resolve("etc/resolv.conf").toString()),
                List.of("192.0.2.53", "2001:db8::53"), List.of("corp.example", "lab.example")),
                ResolverFile.read(sources()));
    }

    @Test
    void looksPastTheSystemdResolvedStubToTheUpstreamServers() throws IOException {
        write("etc/resolv.conf", "nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch home.example\n");
        write("run/resolve.conf", "nameserver 198.51.100.1\nnameserver 198.51.100.2\nsearch home.example\n");
        assertEquals(new Resolver(Optional.of(root.resolve("run/resolve.conf").toString()),
                List.of("198.51.100.1", "198.51.100.2"), List.of("home.example")), ResolverFile.read(sources()));
    }

    @Test
    void keepsTheStubWhenResolvedsFileIsMissing() throws IOException {
        write("etc/resolv.conf", "nameserver 127.0.0.53\n");
        assertEquals(List.of("127.0.0.53"), ResolverFile.read(sources()).servers());
    }

    @Test
    void noResolverFileIsUnknownInTheReport() {
        String report = new NetinfoHandler(sources(), Duration.ofSeconds(1)).answer("");
        assertEquals(List.of("        gateway none", "        dns none", "        search none",
                "        resolver unknown"), report.lines().skip(1).limit(4).toList());
    }

    @Test
    void readsEveryFieldOfASysfsInterfaceAndSaysUnknownForTheRest() throws IOException {
        // An interface the JDK cannot see (the name is made up): everything comes from these files.
        write("sys/zz9/ifindex", "42\n");
        write("sys/zz9/flags", "0x1003\n");
        write("sys/zz9/operstate", "up\n");
        write("sys/zz9/address", "02:00:5e:10:20:30\n");
        write("sys/zz9/mtu", "9000\n");
        write("sys/zz9/speed", "10000\n");
        Map<String, Long> stats = Map.of("rx_bytes", 1L, "rx_packets", 2L, "rx_errors", 3L, "rx_dropped", 4L,
                "rx_fifo_errors", 5L, "rx_frame_errors", 6L, "tx_bytes", 7L, "tx_packets", 8L, "tx_errors", 9L,
                "tx_carrier_errors", 10L);
        for (Map.Entry<String, Long> e : stats.entrySet()) {
            write("sys/zz9/statistics/" + e.getKey(), e.getValue() + "\n");
        }
        write("sys/bonding_masters", "\n");
        String report = new NetinfoHandler(sources(), Duration.ofSeconds(1)).answer("zz9");
        assertEquals(String.join("\r\n",
                "zz9: index 42 flags=<UP,BROADCAST,RUNNING,MULTICAST> mtu 9000",
                "        operstate up speed 10000Mb/s",
                "        ether 02:00:5e:10:20:30",
                "        RX bytes 1 packets 2 errors 3 dropped 4 overruns 5 frame 6",
                "        TX bytes 7 packets 8 errors 9 dropped unknown overruns unknown carrier 10 collisions unknown",
                ""), report);
        Map<String, Object> json = JsonReader.object(
                new NetinfoHandler(sources(), Duration.ofSeconds(1)).answer("json zz9"));
        assertEquals(10000L, json.get("speed_mbps"));
        assertEquals(null, ((Map<?, ?>) json.get("tx")).get("collisions"));
        assertEquals(true, ((Map<?, ?>) json.get("tx")).containsKey("collisions"));
    }

    @Test
    void downInterfaceIsNotRunningAndUnknownSpeedIsUnknown() throws IOException {
        write("sys/zz8/flags", "0x1003\n");
        write("sys/zz8/operstate", "lowerlayerdown\n");
        write("sys/zz8/speed", "-1\n");
        String report = new NetinfoHandler(sources(), Duration.ofSeconds(1)).answer("zz8");
        assertEquals("zz8: index unknown flags=<UP,BROADCAST,MULTICAST> mtu unknown", report.lines().findFirst().get());
        assertEquals("        operstate lowerlayerdown speed unknown", report.lines().skip(1).findFirst().get());
    }

    @Test
    void withoutSysfsTheJdkViewIsUsedAndCountersAreUnknown() throws IOException {
        // As on an OS without /sys/class/net: the JDK still knows lo, its flags, MTU and addresses.
        String report = new NetinfoHandler(sources(), Duration.ofSeconds(1)).answer("lo");
        List<String> lines = report.lines().toList();
        assertEquals("lo: index 1 flags=<UP,LOOPBACK,RUNNING> mtu 65536", lines.get(0));
        assertEquals("        operstate unknown speed unknown", lines.get(1));
        assertEquals("        ether unknown", lines.get(2), "the JDK gives loopback no hardware address");
        assertEquals("        inet 127.0.0.1/8 netmask 255.0.0.0", lines.get(3));
        assertEquals("        RX bytes unknown packets unknown errors unknown dropped unknown overruns unknown"
                + " frame unknown", lines.get(lines.size() - 2));
    }

    private Sources sources() {
        return new Sources(root.resolve("sys"), root.resolve("proc"), root.resolve("etc/resolv.conf"),
                root.resolve("run/resolve.conf"));
    }

    private void write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
