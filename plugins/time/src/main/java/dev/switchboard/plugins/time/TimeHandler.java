package dev.switchboard.plugins.time;

import dev.switchboard.api.Connection;
import dev.switchboard.api.DatagramHandler;
import dev.switchboard.api.Handler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Sends the time the moment a client connects, then lets the daemon close the connection. Over UDP
 * (RFC 868 and RFC 867 both define it), any datagram is answered with one holding the time.
 */
final class TimeHandler implements Handler, DatagramHandler {

    private final Clock clock;
    private final TimeFormat format;
    private final ZoneId zone;

    TimeHandler(Clock clock, TimeFormat format, ZoneId zone) {
        this.clock = clock;
        this.format = format;
        this.zone = zone;
    }

    @Override
    public void serve(Connection client) throws IOException {
        // The clock is read per client, after accept: the answer is as fresh as it can be.
        client.output().write(format.encode(clock.instant(), zone));
        client.output().flush();
    }

    @Override
    public Optional<byte[]> answer(byte[] request, InetSocketAddress source) {
        return Optional.of(format.encode(clock.instant(), zone));
    }
}
