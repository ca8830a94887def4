package dev.switchboard.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class AddressTextTest {

    private static String text(String literal) throws UnknownHostException {
        return AddressText.of(InetAddress.getByName(literal));
    }

    @Test
    void writesIpv6TheWayRfc5952Does() throws UnknownHostException {
        assertEquals("::", text("0:0:0:0:0:0:0:0"));
        assertEquals("::1", text("::1"));
        assertEquals("fe80::1", text("fe80:0:0:0:0:0:0:1"));
        assertEquals("2001:db8::1:0:0:1", text("2001:db8:0:0:1:0:0:1"));
        assertEquals("2001:db8:0:1:1:1:1:1", text("2001:db8:0:1:1:1:1:1"));
        assertEquals("fd00::", text("fd00::"));
    }

    @Test
    void leavesIpv4AsItIs() throws UnknownHostException {
        assertEquals("127.0.0.1", text("127.0.0.1"));
        assertEquals("0.0.0.0", text("0.0.0.0"));
    }
}
