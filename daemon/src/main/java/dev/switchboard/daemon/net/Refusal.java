package dev.switchboard.daemon.net;

import java.util.Locale;

/** Why a client was turned away, in the few kinds a dashboard tells apart. */
public enum Refusal {
    /** The service's allow or deny lists. */
    DENIED,
    /** Too many connects per second from one address or network. */
    RATE,
    /** A connection limit: the service's, per address, or the daemon's. */
    LIMIT,
    /** Anything else: the service stopping, no thread free, a bad or untrusted proxy. */
    OTHER;

    /** @return the name in status and metrics: {@code denied}, {@code rate}, {@code limit}, {@code other} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
