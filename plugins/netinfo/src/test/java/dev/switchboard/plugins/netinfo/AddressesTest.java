package dev.switchboard.plugins.netinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressesTest {

    @Test
    void compressesIpv6LikeIpDoes() throws Exception {
        assertEquals("::", v6("::"));
        assertEquals("::1", v6("0:0:0:0:0:0:0:1"));
        assertEquals("fd00::2", v6("fd00:0:0:0:0:0:0:2"));
        assertEquals("fe80::fc:ff:fe00:1", v6("fe80:0:0:0:00fc:00ff:fe00:0001"));
        assertEquals("2001:db8::1:0:0:1", v6("2001:db8:0:0:1:0:0:1"), "first of two equal runs");
        assertEquals("2001:db8:0:1:1:1:1:1", v6("2001:db8:0:1:1:1:1:1"), "a single zero group stays");
        assertEquals("2001:db8:0:1::1", v6("2001:db8:0:1:0:0:0:1"), "the longest run wins");
        assertEquals("1::", v6("1:0:0:0:0:0:0:0"));
    }

    @Test
    void netmaskFromPrefix() {
        assertEquals("0.0.0.0", Addresses.netmask(0));
        assertEquals("255.0.0.0", Addresses.netmask(8));
        assertEquals("255.255.240.0", Addresses.netmask(20));
        assertEquals("255.255.255.255", Addresses.netmask(32));
    }

    @Test
    void macIsLowerCaseColonSeparated() {
        assertEquals("02:fc:00:0a:ff:01", Addresses.mac(new byte[] {2, (byte) 0xFC, 0, 10, (byte) 0xFF, 1}));
    }

    private static String v6(String text) throws Exception {
        return Addresses.ipv6(InetAddress.getByName(text).getAddress());
    }
}
