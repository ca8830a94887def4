package dev.switchboard.daemon.status;

import dev.switchboard.daemon.config.AccessPolicy;
import java.net.InetAddress;
import java.util.List;

/**
 * Who is looking at the status, and so which parts they may see: a part that belongs to some services
 * is shown only if each of those services' allow and deny lists would let the viewer in.
 */
@FunctionalInterface
public interface Viewer {

    /**
     * @param audience the access rules of the services a part belongs to; empty for a part of none
     * @return whether this viewer may see it
     */
    boolean sees(List<AccessPolicy> audience);

    /** @return the daemon itself (logs, {@code check}): sees everything */
    static Viewer daemon() {
        return audience -> true;
    }

    /** @return a client at this address: sees what every one of the services would admit it to */
    static Viewer client(InetAddress address) {
        return audience -> audience.stream().allMatch(p -> p.permits(address));
    }

    /** @return anybody at all: sees only parts of services with no allow or deny list */
    static Viewer anyone() {
        return audience -> audience.stream().allMatch(p -> p.allow().isEmpty() && p.deny().isEmpty());
    }
}
