package dev.switchboard.daemon.service;

import dev.switchboard.api.DaemonStatus;
import dev.switchboard.api.ServiceContext;
import dev.switchboard.api.Settings;
import dev.switchboard.api.StatusSource;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The {@link ServiceContext} a protocol opens a service with.
 *
 * @param serviceName the service's name
 * @param settings its settings, recording which keys the protocol reads
 * @param clock the time protocols see
 * @param statusSupplier the daemon's status
 * @param publisher where published status sources go
 */
public record OpeningContext(String serviceName, Settings settings, Clock clock, Supplier<DaemonStatus> statusSupplier,
                             Consumer<StatusSource> publisher) implements ServiceContext {

    @Override
    public DaemonStatus status() {
        return statusSupplier.get();
    }

    @Override
    public void publish(StatusSource source) {
        publisher.accept(Objects.requireNonNull(source, "source"));
    }
}
