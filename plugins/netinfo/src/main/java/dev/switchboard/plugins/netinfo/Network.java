package dev.switchboard.plugins.netinfo;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What netinfo reports, read fresh for each request. A field the OS did not give is an empty
 * {@code Optional} (or absent from a counter map): shown as {@code unknown}, never guessed.
 */
final class Network {

    private Network() {
    }

    /** The host-wide part of the report. */
    record Host(Optional<String> hostname, List<Gateway> gateways, Resolver resolver) {
        Host {
            gateways = List.copyOf(gateways);
        }

        /** Reads the host's name, default gateways and resolver now. */
        static Host read(Sources sources) {
            // The kernel's name for this UTS namespace; no DNS lookup (which could take seconds).
            Optional<String> hostname = Sources.firstLine(sources.procfs().resolve("sys/kernel/hostname"))
                    .or(() -> Optional.ofNullable(System.getenv("COMPUTERNAME")));
            return new Host(hostname, Routes.defaults(sources), ResolverFile.read(sources));
        }
    }

    /**
     * A default route.
     *
     * @param family {@code inet} or {@code inet6}
     * @param metric the route's metric (priority): lower wins
     */
    record Gateway(String family, String address, String device, long metric) {
    }

    /**
     * The DNS resolver configuration.
     *
     * @param source the file the servers were read from; empty when no resolver file could be read
     */
    record Resolver(Optional<String> source, List<String> servers, List<String> search) {
        Resolver {
            servers = List.copyOf(servers);
            search = List.copyOf(search);
        }
    }

    /**
     * One network interface.
     *
     * @param flags a subset of {@link Interface#FLAG_ORDER}, in that order
     * @param speedMbps link speed in Mb/s
     * @param operstate the kernel's operational state: {@code up}, {@code down}, {@code unknown}, ...
     * @param rx receive counters by name ({@code bytes}, {@code packets}, ...), only those known
     * @param tx transmit counters by name, only those known
     */
    record Interface(
            String name,
            Optional<Integer> index,
            List<String> flags,
            Optional<String> mac,
            Optional<Integer> mtu,
            Optional<Long> speedMbps,
            Optional<String> operstate,
            List<Ipv4> ipv4,
            List<Ipv6> ipv6,
            Map<String, Long> rx,
            Map<String, Long> tx) {

        /** The flags netinfo reports, in the order they are shown (ifconfig's order). */
        static final List<String> FLAG_ORDER =
                List.of("UP", "BROADCAST", "LOOPBACK", "POINTOPOINT", "RUNNING", "MULTICAST");
        /** Receive counters, in the order they are shown. */
        static final List<String> RX_COUNTERS = List.of("bytes", "packets", "errors", "dropped", "overruns", "frame");
        /** Transmit counters, in the order they are shown. */
        static final List<String> TX_COUNTERS =
                List.of("bytes", "packets", "errors", "dropped", "overruns", "carrier", "collisions");

        Interface {
            flags = List.copyOf(flags);
            ipv4 = List.copyOf(ipv4);
            ipv6 = List.copyOf(ipv6);
            rx = Map.copyOf(rx);
            tx = Map.copyOf(tx);
        }
    }

    /** An IPv4 address with its prefix length, netmask and (on broadcast links) broadcast address. */
    record Ipv4(String address, int prefix, String netmask, Optional<String> broadcast) {
    }

    /**
     * An IPv6 address.
     *
     * @param scope {@code host}, {@code link}, {@code site} or {@code global}, as {@code ip addr} says
     */
    record Ipv6(String address, int prefix, String scope) {
    }
}
