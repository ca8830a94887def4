package dev.switchboard.plugins.netinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** This machine's real interfaces, routes and resolver, as netinfo reports them and as iproute2 does. */
class ReportMatchesIpTest {

    @BeforeAll
    static void linuxWithIproute2() {
        assumeTrue(Files.isDirectory(Path.of("/sys/class/net")), "not Linux: no /sys/class/net to compare");
        assertTrue(IpCommand.available(), "iproute2's ip is needed for this test: apt-get install -y iproute2");
    }

    @Test
    void everyInterfaceAddressCounterAndRouteMatchesIp() throws Exception {
        Map<String, Object> json;
        try (LocalDaemon daemon = new LocalDaemon("")) {
            json = IpComparison.check(new IpCommand(List.of()), () -> daemon.ask("json\r\n"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> host = (Map<String, Object>) json.get("host");
        assertEquals(IpCommand.run(List.of("uname", "-n")).strip(), host.get("hostname"));
        @SuppressWarnings("unchecked")
        Map<String, Object> dns = (Map<String, Object>) host.get("dns");
        Path resolver = Path.of((String) dns.get("source"));
        assertEquals(words(resolver, "nameserver"), dns.get("servers"));
        assertEquals(lastSearch(resolver), dns.get("search"));
    }

    /** The second word of every line starting with {@code key}, read independently of netinfo's parser. */
    private static List<String> words(Path file, String key) throws Exception {
        return Files.readAllLines(file).stream()
                .map(String::trim)
                .filter(l -> l.startsWith(key + " ") || l.startsWith(key + "\t"))
                .map(l -> l.split("\\s+")[1])
                .toList();
    }

    /** resolv.conf(5): the last search or domain line wins. */
    private static List<String> lastSearch(Path file) throws Exception {
        List<String> search = List.of();
        for (String line : Files.readAllLines(file)) {
            String[] w = line.trim().split("\\s+");
            if (w[0].equals("search") || w[0].equals("domain")) {
                search = List.of(w).subList(1, w.length);
            }
        }
        return search;
    }
}
