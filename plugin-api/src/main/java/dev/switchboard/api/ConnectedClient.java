package dev.switchboard.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One client connected to a service now, as the admin dashboard lists it.
 *
 * @param address the client's address and port as people write them, e.g. {@code 192.0.2.7:50412} or
 *     {@code [2001:db8::7]:50412}; behind a trusted proxy, the client the proxy named
 * @param since when it connected
 * @param bytesIn bytes received from it so far
 * @param bytesOut bytes sent to it so far
 * @param idle how long since it last sent or received anything
 */
public record ConnectedClient(String address, Instant since, long bytesIn, long bytesOut, Duration idle) {

    /** Checks for nulls. */
    public ConnectedClient {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(idle, "idle");
    }
}
