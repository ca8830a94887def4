package dev.switchboard.daemon.service;

import dev.switchboard.api.DaemonStatus;
import dev.switchboard.api.ServiceContext;
import dev.switchboard.api.Settings;
import dev.switchboard.api.StatusSource;
import dev.switchboard.daemon.background.ServiceWork;
import dev.switchboard.daemon.config.YamlSettings;
import dev.switchboard.daemon.plugin.PluginScope;
import dev.switchboard.daemon.status.StatusView;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The {@link ServiceContext} a protocol opens a service with.
 *
 * @param serviceName the service's name
 * @param settings its settings, recording which keys the protocol reads
 * @param clock the time protocols see
 * @param statusView the daemon's status, filtered by who looks
 * @param publisher where published status sources go
 * @param work the service's background work
 * @param scope the state of the plugin that provides the protocol
 */
public record OpeningContext(String serviceName, Settings settings, Clock clock, StatusView statusView,
                             Consumer<StatusSource> publisher, ServiceWork work, PluginScope scope) implements ServiceContext {

    @Override
    public DaemonStatus status() {
        return statusView.forAnyone();
    }

    @Override
    public DaemonStatus status(InetAddress client) {
        return statusView.forClient(Objects.requireNonNull(client, "client"));
    }

    @Override
    public void publish(StatusSource source) {
        publisher.accept(Objects.requireNonNull(source, "source"));
    }

    @Override
    public Executor executor() {
        return work;
    }

    @Override
    public Future<?> schedule(Runnable task, Duration delay) {
        return work.schedule(Objects.requireNonNull(task, "task"), Objects.requireNonNull(delay, "delay"));
    }

    @Override
    public Future<?> every(Duration period, Runnable task) {
        return work.every(Objects.requireNonNull(period, "period"), Objects.requireNonNull(task, "task"));
    }

    @Override
    public void input(Path file) {
        if (settings instanceof YamlSettings yaml) {
            yaml.input(Objects.requireNonNull(file, "file"));
        }
    }

    @Override
    public <T> T pluginState(Class<T> type, Supplier<? extends T> create) {
        return scope.get(type, create);
    }
}
