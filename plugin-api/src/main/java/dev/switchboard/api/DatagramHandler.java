package dev.switchboard.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A {@link Handler} that also answers datagrams: what a protocol's handler implements to be served over
 * UDP as well ({@code transport: udp} or {@code both} in the service's configuration). One request
 * datagram, at most one answer.
 *
 * <p>The daemon protects the network from the service before any answer leaves: the service's
 * {@code allow}/{@code deny} lists apply, datagrams from the source ports of the classic UDP services
 * (0, 7, 13, 19, 37) are dropped so two such services cannot be made to bounce datagrams between each
 * other forever, and an answer larger than its request (an amplification, if the source was forged)
 * is sent only within the service's per-source and total rate limits.
 *
 * <p>Threading contract: {@link #answer} is called from the service's datagram thread, one datagram
 * after another. Return quickly: the next datagram waits.
 *
 * <pre>{@code
 * final class DaytimeHandler implements Handler, DatagramHandler {
 *     public void serve(Connection client) throws IOException {
 *         client.output().write(now());
 *     }
 *
 *     public Optional<byte[]> answer(byte[] request, InetSocketAddress source) {
 *         return Optional.of(now()); // RFC 867: whatever the request held
 *     }
 * }
 * }</pre>
 *
 * @since 0.2.0
 */
public interface DatagramHandler {

    /**
     * @param request the datagram's payload: 0 to 65,507 bytes, owned by the handler from now on
     * @param source who sent it, as the network claims (over UDP it may be forged)
     * @return the answer's payload (at most 65,507 bytes), or empty to send nothing
     * @throws IOException when the request cannot be answered; logged at DEBUG, nothing is sent
     */
    Optional<byte[]> answer(byte[] request, InetSocketAddress source) throws IOException;
}
