package dev.switchboard.daemon.status;

import dev.switchboard.api.StatusSource;
import dev.switchboard.daemon.config.AccessPolicy;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * A status source, the name it is shown under, and the access rules of the services it belongs to: a
 * client sees the section only if every one of those services would admit it.
 *
 * @param name the name in the status, e.g. {@code "network"} or {@code "chat@lobby"}
 * @param source where the values come from
 * @param audience the access rules of the services the source belongs to; empty for a source of no service
 */
public record StatusSection(String name, StatusSource source, List<AccessPolicy> audience) {

    public StatusSection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        audience = List.copyOf(audience);
    }

    /** @return whether the allow and deny lists of each of the source's services let this client in */
    public boolean visibleTo(InetAddress client) {
        return audience.stream().allMatch(p -> p.permits(client));
    }

    /** @return whether every client may see it: none of its services has an allow or deny list */
    public boolean visibleToAnyone() {
        return audience.stream().allMatch(p -> p.allow().isEmpty() && p.deny().isEmpty());
    }
}
