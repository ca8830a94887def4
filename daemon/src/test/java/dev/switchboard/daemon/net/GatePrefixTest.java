package dev.switchboard.daemon.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.daemon.config.AccessPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the gate counts clients for {@code max-connections-per-ip} and {@code max-connects-per-second-per-ip}:
 * IPv6 clients by their {@code ipv6-prefix}, IPv4 ones (and IPv4-mapped IPv6) by their address. The gate
 * is asked directly with the addresses a socket would report; {@link GateTest} and the namespace test
 * ({@code Ipv6PrefixNamespaceIT}) prove it over real sockets.
 */
class GatePrefixTest {

    private static final long NOW = 1_000_000_000L;

    private static Gate gate(int perIp, int perSecond, int ipv6Prefix) {
        AccessPolicy policy = new AccessPolicy(Duration.ofMinutes(1), 1000, perIp, perSecond, ipv6Prefix,
                List.of(), List.of(), "", "", List.of());
        return new Gate(policy, new ConnectionBudget(1000));
    }

    private static Verdict admit(Gate gate, String address) {
        return gate.admit(gate.source(ip(address)), NOW);
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void twoAddressesOfOneSlash64ShareTheConnectionLimitAndAnotherSlash64HasItsOwn() {
        Gate gate = gate(1, 0, 64);
        assertTrue(admit(gate, "2001:db8:1:2::5").admitted());
        Verdict sameNetwork = admit(gate, "2001:db8:1:2:ffff:ffff:ffff:ffff");
        assertFalse(sameNetwork.admitted());
        assertEquals("per-address connection limit (1) reached by 2001:db8:1:2::/64", sameNetwork.reason());
        assertTrue(admit(gate, "2001:db8:1:3::5").admitted(), "the next /64 is another client");
    }

    @Test
    void aClosedConnectionGivesItsPlaceBackToThePrefix() {
        Gate gate = gate(1, 0, 64);
        CountedSource first = gate.source(ip("fd00:1:2:3::10"));
        assertTrue(gate.admit(first, NOW).admitted());
        assertFalse(admit(gate, "fd00:1:2:3::11").admitted());
        gate.closed(first);
        gate.handlerReturned();
        assertTrue(admit(gate, "fd00:1:2:3::11").admitted());
    }

    @Test
    void theConnectRateIsCountedPerPrefix() {
        Gate gate = gate(1000, 2, 64);
        assertTrue(admit(gate, "fd00:1:2:3::10").admitted());
        assertTrue(admit(gate, "fd00:1:2:3::11").admitted());
        Verdict third = admit(gate, "fd00:1:2:3::12");
        assertFalse(third.admitted());
        assertEquals("more than 2 connects per second from fd00:1:2:3::/64", third.reason());
        assertTrue(admit(gate, "fd00:1:2:4::10").admitted(), "another /64 has its own bucket");
    }

    @Test
    void theSettingChoosesThePrefixLength() {
        Gate wide = gate(1, 0, 48);
        assertTrue(admit(wide, "2001:db8:1:2::5").admitted());
        assertFalse(admit(wide, "2001:db8:1:ffff::5").admitted(), "one /48");
        assertTrue(admit(wide, "2001:db8:2::5").admitted());

        Gate exact = gate(1, 0, 128);
        assertTrue(admit(exact, "2001:db8:1:2::5").admitted());
        assertTrue(admit(exact, "2001:db8:1:2::6").admitted(), "128: every address is its own client");
        Verdict again = admit(exact, "2001:db8:1:2::5");
        assertEquals("per-address connection limit (1) reached by this address", again.reason());
    }

    @Test
    void ipv4AndIpv4MappedIpv6ShareOneCountPerAddress() {
        Gate gate = gate(1, 0, 32);
        assertTrue(admit(gate, "192.0.2.1").admitted());
        assertFalse(admit(gate, "::ffff:192.0.2.1").admitted(), "the mapped form is the same client");
        assertTrue(admit(gate, "192.0.2.2").admitted(), "IPv4 is never grouped, whatever ipv6-prefix says");
    }

    @Test
    void theLogShowsTheFullAddressAndThePrefixThatWasCounted() {
        assertEquals("2001:db8:1:2::5 (counted as 2001:db8:1:2::/64)",
                CountedSource.of(ip("2001:db8:1:2::5"), 64).toString());
        assertEquals("2001:db8:1:2::5 (counted as 2001:db8::/32)", CountedSource.of(ip("2001:db8:1:2::5"), 32).toString());
        assertEquals("2001:db8:1:2::5", CountedSource.of(ip("2001:db8:1:2::5"), 128).toString());
        assertEquals("192.0.2.1", CountedSource.of(ip("::ffff:192.0.2.1"), 64).toString());
    }
}
