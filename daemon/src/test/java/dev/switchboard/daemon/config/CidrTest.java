package dev.switchboard.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The networks of allow: and deny:, for IPv4 and IPv6. */
class CidrTest {

    private static boolean contains(String cidr, String address) throws IOException {
        return Cidr.parse(cidr).contains(InetAddress.getByName(address));
    }

    @Test
    void matchesAddressesInsideAnIpv4NetworkWhateverItsHostBits() throws IOException {
        assertEquals("192.168.0.0/16", Cidr.parse("192.168.1.77/16").toString());
        assertTrue(contains("192.168.1.77/16", "192.168.255.1"));
        assertFalse(contains("192.168.0.0/16", "192.169.0.0"));
        assertTrue(contains("172.16.0.0/12", "172.31.255.255"));
        assertFalse(contains("172.16.0.0/12", "172.32.0.0"));
    }

    @Test
    void matchesAddressesInsideAnIpv6NetworkWithAPrefixThatSplitsAByte() throws IOException {
        assertTrue(contains("fc00::/7", "fd12:3456::1"));
        assertFalse(contains("fc00::/7", "fe00::1"));
        assertTrue(contains("fe80::/10", "febf::1"));
        assertFalse(contains("fe80::/10", "fec0::1"));
    }

    @Test
    void treatsABareAddressAsANetworkOfOne() throws IOException {
        assertTrue(contains("::1", "::1"));
        assertFalse(contains("::1", "::2"));
        assertTrue(contains("10.1.2.3", "10.1.2.3"));
        assertFalse(contains("10.1.2.3", "10.1.2.4"));
        assertEquals("10.1.2.3", Cidr.parse("10.1.2.3").toString());
    }

    @Test
    void neverMatchesAnAddressOfTheOtherFamily() throws IOException {
        assertTrue(contains("0.0.0.0/0", "8.8.8.8"));
        assertFalse(contains("0.0.0.0/0", "::1"));
        assertFalse(contains("::/0", "127.0.0.1"));
    }

    @Test
    void refusesTextThatIsNoNetworkWithAnExample() {
        for (String text : List.of("host.example", "1.2.3", "1.2.3.4.5", "300.1.1.1", "1.2.3.4%eth0", "fe80:::1", ".::1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text), text);
            assertEquals("'" + text + "' is not an address or network (e.g. 192.168.0.0/16, 10.1.2.3, fd00::/8)",
                    e.getMessage());
        }
    }

    @Test
    void refusesAPrefixLengthTheFamilyCannotHave() {
        assertEquals("'10.0.0.0/33' has a bad prefix length (0 to 32)",
                assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33")).getMessage());
        assertEquals("'10.0.0.0/x' has a bad prefix length (0 to 32)",
                assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/x")).getMessage());
        assertEquals("'::/-1' has a bad prefix length (0 to 128)",
                assertThrows(IllegalArgumentException.class, () -> Cidr.parse("::/-1")).getMessage());
    }

    /**
     * InetAddress.getByName resolves anything it cannot parse as a literal as a host name, so an allow
     * entry such as 300.1.1.1 could silently become whatever the resolver answers. A child JVM whose
     * resolver is a hosts file that does answer for those names shows whether a lookup happens.
     */
    @Test
    void neverLooksUpTextThatOnlyLooksLikeAnAddress(@TempDir Path tmp) throws Exception {
        Path hosts = Files.writeString(tmp.resolve("hosts"), "10.9.9.9 300.1.1.1\n10.9.9.8 1.2.3.4%eth0\n");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djdk.net.hosts.file=" + hosts, "-cp", System.getProperty("java.class.path"),
                LookupProbe.class.getName(), "300.1.1.1", "1.2.3.4%eth0", "10.0.0.1")
                .redirectErrorStream(true).start();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child JVM did not finish");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(List.of("300.1.1.1 -> refused", "1.2.3.4%eth0 -> refused", "10.0.0.1 -> 10.0.0.1"),
                output.lines().toList(), output);
    }

    /** Runs in the child JVM of {@link #neverLooksUpTextThatOnlyLooksLikeAnAddress}. */
    static final class LookupProbe {
        public static void main(String[] args) {
            for (String text : args) {
                String result;
                try {
                    result = Cidr.parse(text).toString();
                } catch (IllegalArgumentException e) {
                    result = "refused";
                }
                System.out.println(text + " -> " + result);
            }
        }
    }
}
