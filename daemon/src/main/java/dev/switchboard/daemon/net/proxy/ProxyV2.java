package dev.switchboard.daemon.net.proxy;

import dev.switchboard.daemon.net.proxy.ProxyHeader.BadProxyHeader;
import dev.switchboard.daemon.net.proxy.ProxyHeader.HeaderBytes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * The binary header, version 2: the 12-byte signature, version and command, family and transport, a
 * 16-bit length, then the addresses and any TLVs (skipped).
 */
final class ProxyV2 {

    private static final int FIXED = 16;
    private static final int INET_BLOCK = 12;
    private static final int INET6_BLOCK = 36;

    private ProxyV2() {
    }

    /** @param start the first 15 bytes, which begin with the signature */
    static ProxyHeader read(byte[] start, HeaderBytes in) throws IOException {
        byte[] fixed = Arrays.copyOf(start, FIXED);
        fixed[FIXED - 1] = in.read(1)[0];
        int version = (fixed[12] & 0xF0) >> 4;
        int command = fixed[12] & 0x0F;
        int family = (fixed[13] & 0xF0) >> 4;
        int transport = fixed[13] & 0x0F;
        int length = ((fixed[14] & 0xFF) << 8) | (fixed[15] & 0xFF);
        if (version != 2) {
            throw new BadProxyHeader("v2 header with version " + version);
        }
        if (command > 1) {
            throw new BadProxyHeader("v2 header with unknown command " + command);
        }
        if (FIXED + length > ProxyHeader.MAX_LENGTH) {
            throw new BadProxyHeader("v2 header of " + (FIXED + length) + " bytes, more than " + ProxyHeader.MAX_LENGTH);
        }
        byte[] block = length == 0 ? new byte[0] : in.read(length);
        if (command == 0) {
            return new ProxyHeader(Optional.empty(), Optional.empty(), true); // LOCAL: the addresses are ignored
        }
        // A relayed stream over IPv4 or IPv6 names the client; anything else (UNSPEC, UNIX, UDP) leaves the
        // connection's own addresses in force, as the specification says.
        if (transport != 1 || (family != 1 && family != 2)) {
            return new ProxyHeader(Optional.empty(), Optional.empty(), false);
        }
        int size = family == 1 ? 4 : 16;
        int needed = family == 1 ? INET_BLOCK : INET6_BLOCK;
        if (length < needed) {
            throw new BadProxyHeader("v2 header length " + length + " is too short for its " + (family == 1 ? "IPv4" : "IPv6")
                    + " addresses (" + needed + ")");
        }
        InetAddress source = InetAddress.getByAddress(Arrays.copyOfRange(block, 0, size));
        InetAddress target = InetAddress.getByAddress(Arrays.copyOfRange(block, size, 2 * size));
        int sourcePort = ((block[2 * size] & 0xFF) << 8) | (block[2 * size + 1] & 0xFF);
        int targetPort = ((block[2 * size + 2] & 0xFF) << 8) | (block[2 * size + 3] & 0xFF);
        return new ProxyHeader(Optional.of(new InetSocketAddress(source, sourcePort)),
                Optional.of(new InetSocketAddress(target, targetPort)), false);
    }
}
