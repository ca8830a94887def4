package dev.switchboard.plugins.netinfo;

import dev.switchboard.plugins.netinfo.Network.Interface;
import dev.switchboard.plugins.netinfo.Network.Ipv4;
import dev.switchboard.plugins.netinfo.Network.Ipv6;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads interfaces from {@link NetworkInterface} (addresses) and, on Linux, {@code /sys/class/net}.
 *
 * <p>Why sysfs for flags too: the JDK lists only interfaces that have an address, cannot tell UP from
 * RUNNING, and has no BROADCAST flag. Where sysfs is missing (not Linux), the JDK's view is used alone.
 */
final class Interfaces {

    // <linux/if.h>
    private static final int IFF_UP = 0x1;
    private static final int IFF_BROADCAST = 0x2;
    private static final int IFF_LOOPBACK = 0x8;
    private static final int IFF_POINTOPOINT = 0x10;
    private static final int IFF_MULTICAST = 0x1000;

    private static final Map<String, String> RX_FILES = Map.of("bytes", "rx_bytes", "packets", "rx_packets",
            "errors", "rx_errors", "dropped", "rx_dropped", "overruns", "rx_fifo_errors", "frame", "rx_frame_errors");
    private static final Map<String, String> TX_FILES = Map.of("bytes", "tx_bytes", "packets", "tx_packets",
            "errors", "tx_errors", "dropped", "tx_dropped", "overruns", "tx_fifo_errors",
            "carrier", "tx_carrier_errors", "collisions", "collisions");

    private final Sources sources;
    private final Map<String, NetworkInterface> jdk;
    private final TreeSet<String> names;

    private Interfaces(Sources sources) {
        this.sources = sources;
        this.jdk = jdkInterfaces();
        this.names = new TreeSet<>(jdk.keySet());
        names.addAll(sysfsNames(sources.sysfs()));
    }

    /** Lists the interfaces as they are now; {@link #read} then reads any of them. */
    static Interfaces list(Sources sources) {
        return new Interfaces(sources);
    }

    /** @return every interface's name, sorted */
    List<String> names() {
        return List.copyOf(names);
    }

    /** @return every interface, in index order */
    List<Interface> readAll() {
        List<Interface> all = new ArrayList<>();
        for (String name : names) {
            all.add(read(name).orElseThrow());
        }
        all.sort(Comparator.comparing((Interface i) -> i.index().orElse(Integer.MAX_VALUE))
                .thenComparing(Interface::name));
        return all;
    }

    /**
     * @param name a name a client asked for; only names from the listing are looked up, so a name is
     *     never used to build a path it did not come from
     * @return the interface, or empty when there is none of that name
     */
    Optional<Interface> read(String name) {
        if (!names.contains(name)) {
            return Optional.empty();
        }
        Path dir = sources.sysfs().resolve(name);
        Optional<NetworkInterface> java = Optional.ofNullable(jdk.get(name));
        Optional<String> operstate = Sources.firstLine(dir.resolve("operstate"));
        List<Ipv4> ipv4 = new ArrayList<>();
        List<Ipv6> ipv6 = new ArrayList<>();
        java.ifPresent(ni -> addresses(ni, ipv4, ipv6));
        Optional<Integer> index = Sources.number(dir.resolve("ifindex")).map(Long::intValue)
                .or(() -> java.map(NetworkInterface::getIndex).filter(i -> i > 0));
        Optional<Integer> mtu = Sources.number(dir.resolve("mtu")).map(Long::intValue)
                .or(() -> java.flatMap(Interfaces::jdkMtu));
        Optional<String> mac = Sources.firstLine(dir.resolve("address"))
                .or(() -> java.flatMap(Interfaces::jdkMac));
        // The kernel reports -1 (or refuses the read) when the driver does not know the speed.
        Optional<Long> speed = Sources.number(dir.resolve("speed")).filter(s -> s > 0);
        List<String> flags = Sources.number(dir.resolve("flags"))
                .map(f -> sysfsFlags(f.intValue(), operstate))
                .orElseGet(() -> java.map(ni -> jdkFlags(ni, ipv4)).orElse(List.of()));
        return Optional.of(new Interface(name, index, flags, mac, mtu, speed, operstate, ipv4, ipv6,
                counters(dir, RX_FILES), counters(dir, TX_FILES)));
    }

    private static Map<String, NetworkInterface> jdkInterfaces() {
        Map<String, NetworkInterface> byName = new HashMap<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                byName.put(ni.getName(), ni);
            }
        } catch (SocketException e) {
            // No interfaces the JDK can see: sysfs may still list them.
        }
        return byName;
    }

    private static List<String> sysfsNames(Path sysfs) {
        List<String> found = new ArrayList<>();
        if (!Files.isDirectory(sysfs)) {
            return found;
        }
        // Entries are symlinks to device directories; plain files such as bonding_masters are not interfaces.
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(sysfs, Files::isDirectory)) {
            entries.forEach(p -> found.add(p.getFileName().toString()));
        } catch (IOException | RuntimeException e) {
            return found;
        }
        return found;
    }

    /** The JDK lists alias addresses ({@code eth0:1}) under the interface itself too: no need to walk sub-interfaces. */
    private static void addresses(NetworkInterface ni, List<Ipv4> ipv4, List<Ipv6> ipv6) {
        for (InterfaceAddress a : ni.getInterfaceAddresses()) {
            int prefix = a.getNetworkPrefixLength();
            if (a.getAddress() instanceof Inet4Address v4) {
                // 0.0.0.0 is the kernel's "no broadcast address set", which ip shows as no brd at all.
                ipv4.add(new Ipv4(v4.getHostAddress(), prefix, Addresses.netmask(prefix),
                        Optional.ofNullable(a.getBroadcast()).filter(b -> !b.isAnyLocalAddress()).map(Addresses::text)));
            } else if (a.getAddress() instanceof Inet6Address v6) {
                ipv6.add(new Ipv6(Addresses.text(v6), prefix, Addresses.scope(v6)));
            }
        }
    }

    /** RUNNING is not in sysfs's flags: the kernel derives it as UP with operstate up or unknown. */
    private static List<String> sysfsFlags(int bits, Optional<String> operstate) {
        boolean up = (bits & IFF_UP) != 0;
        boolean running = up && operstate.filter(s -> s.equals("up") || s.equals("unknown")).isPresent();
        Map<String, Boolean> set = new LinkedHashMap<>();
        set.put("UP", up);
        set.put("BROADCAST", (bits & IFF_BROADCAST) != 0);
        set.put("LOOPBACK", (bits & IFF_LOOPBACK) != 0);
        set.put("POINTOPOINT", (bits & IFF_POINTOPOINT) != 0);
        set.put("RUNNING", running);
        set.put("MULTICAST", (bits & IFF_MULTICAST) != 0);
        return names(set);
    }

    /** The JDK's isUp() means UP and RUNNING; it reports a broadcast address only on broadcast links. */
    private static List<String> jdkFlags(NetworkInterface ni, List<Ipv4> ipv4) {
        Map<String, Boolean> set = new LinkedHashMap<>();
        try {
            set.put("UP", ni.isUp());
            set.put("BROADCAST", ipv4.stream().anyMatch(a -> a.broadcast().isPresent()));
            set.put("LOOPBACK", ni.isLoopback());
            set.put("POINTOPOINT", ni.isPointToPoint());
            set.put("RUNNING", ni.isUp());
            set.put("MULTICAST", ni.supportsMulticast());
        } catch (SocketException e) {
            return List.of();
        }
        return names(set);
    }

    private static List<String> names(Map<String, Boolean> set) {
        List<String> on = new ArrayList<>();
        set.forEach((flag, isSet) -> {
            if (isSet) {
                on.add(flag);
            }
        });
        return on;
    }

    private static Optional<Integer> jdkMtu(NetworkInterface ni) {
        try {
            return Optional.of(ni.getMTU()).filter(m -> m > 0);
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> jdkMac(NetworkInterface ni) {
        try {
            return Optional.ofNullable(ni.getHardwareAddress()).map(Addresses::mac);
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Long> counters(Path dir, Map<String, String> files) {
        Map<String, Long> values = new HashMap<>();
        files.forEach((key, file) -> Sources.number(dir.resolve("statistics").resolve(file))
                .ifPresent(v -> values.put(key, v)));
        return values;
    }
}
