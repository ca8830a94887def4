package dev.switchboard.daemon.net.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a PROXY protocol header (HAProxy's proxy-protocol.txt, versions 1 and 2) says about a relayed
 * connection: the real client and the address it connected to, or nothing for a proxy's own connection
 * (v2 {@code LOCAL}, its health check) and for v1 {@code UNKNOWN}. {@link #fromProxyItself} tells the
 * proxy's health checks from relayed clients.
 *
 * @param client the real client, when the header names one
 * @param destination the address the client connected to, when the header names one
 * @param local true for v2 {@code LOCAL}: the proxy connected on its own behalf, not for a client
 */
public record ProxyHeader(Optional<InetSocketAddress> client, Optional<InetSocketAddress> destination, boolean local) {

    /** v1 is at most 107 bytes; v2 is 16 plus what its length says, bounded here (TLVs are skipped). */
    public static final int MAX_LENGTH = 1024;

    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    /** The shortest v1 header, {@code PROXY UNKNOWN\r\n}: at least this much can be read before looking. */
    private static final int V1_SHORTEST = 15;

    /**
     * Reads exactly one header and not a byte more, so what follows is the client's own data.
     *
     * @throws BadProxyHeader when the bytes are not a valid header, or it is too long
     * @throws IOException when the connection fails, ends, or the deadline passes mid-header
     */
    public static ProxyHeader read(HeaderBytes in) throws IOException {
        byte[] start = in.read(V1_SHORTEST);
        if (Arrays.equals(start, 0, V2_SIGNATURE.length, V2_SIGNATURE, 0, V2_SIGNATURE.length)) {
            return ProxyV2.read(start, in);
        }
        if (start[0] == 'P') {
            return ProxyV1.read(start, in);
        }
        throw new BadProxyHeader("no PROXY header (the connection did not start with one)");
    }

    /**
     * Whether the proxy sent this header on its own behalf, for no client: its health check. That is v2
     * {@code LOCAL}; a header naming no client (v1 {@code UNKNOWN}, v2 {@code UNSPEC}, Unix or UDP); and a
     * header that names exactly the connection it came on, source and destination, ports included, which
     * is what HAProxy's {@code check} sends with {@code send-proxy} (v1): a relayed client always has a
     * connection of its own to the proxy, so its address and port differ from the proxy's connection here.
     *
     * @param peer the proxy's end of the connection the header came on
     * @param self this end of that connection
     */
    public boolean fromProxyItself(InetSocketAddress peer, InetSocketAddress self) {
        if (local || client.isEmpty()) {
            return true;
        }
        return same(client.get(), peer) && destination.isPresent() && same(destination.get(), self);
    }

    private static boolean same(InetSocketAddress a, InetSocketAddress b) {
        return a.getPort() == b.getPort() && a.getAddress().equals(b.getAddress());
    }

    /** A header that is not one, or one that breaks the specification. */
    public static final class BadProxyHeader extends IOException {
        BadProxyHeader(String message) {
            super(message);
        }
    }

    /** Where a header's bytes come from: exact reads, under the caller's deadline. */
    public interface HeaderBytes {
        /**
         * @return exactly {@code n} bytes
         * @throws IOException when they do not arrive (closed, failed, or past the deadline)
         */
        byte[] read(int n) throws IOException;
    }
}
