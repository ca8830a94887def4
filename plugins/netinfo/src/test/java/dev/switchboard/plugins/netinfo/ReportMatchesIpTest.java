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
import org.junit.jupiter.api.io.TempDir;

/** This machine's real interfaces, routes and resolver, as netinfo reports them and as iproute2 does. */
class ReportMatchesIpTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void linuxWithIproute2() {
        assumeTrue(Files.isDirectory(Path.of("/sys/class/net")), "not Linux: no /sys/class/net to compare");
        assertTrue(IpCommand.available(), "iproute2's ip is needed for this test: apt-get install -y iproute2");
    }

    @Test
    void everyInterfaceAddressCounterAndRouteMatchesIp() throws Exception {
        Map<String, Object> json;
        try (LocalDaemon daemon = new LocalDaemon(tmp, "")) {
            json = IpComparison.check(new IpCommand(List.of()), () -> daemon.ask("json\r\n"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> host = (Map<String, Object>) json.get("host");
        assertEquals(IpCommand.run(List.of("uname", "-n")).strip(), host.get("hostname"));
        @SuppressWarnings("unchecked")
        Map<String, Object> dns = (Map<String, Object>) host.get("dns");
        assertEquals(nameservers(Path.of((String) dns.get("source"))), dns.get("servers"));
    }

    /** The resolver file's nameserver lines, read independently of netinfo's parser. */
    private static List<String> nameservers(Path file) throws Exception {
        return Files.readAllLines(file).stream()
                .map(String::trim)
                .filter(l -> l.startsWith("nameserver"))
                .map(l -> l.split("\\s+")[1])
                .toList();
    }
}
