package dev.switchboard.daemon.testing;

import dev.switchboard.api.ServiceStatus;
import dev.switchboard.daemon.Switchboard;
import dev.switchboard.daemon.config.ConfigProblems;
import java.nio.file.Path;
import java.time.Duration;

/** An in-process daemon for one test, started from YAML (see {@link TestConfigs#write}); close it in a finally. */
public final class RunningDaemon implements AutoCloseable {

    private final Switchboard switchboard;

    private RunningDaemon(Switchboard switchboard) {
        this.switchboard = switchboard;
    }

    public static RunningDaemon start(Path dir, String yaml) throws ConfigProblems {
        return new RunningDaemon(Switchboard.builder().config(TestConfigs.write(dir, yaml)).home(dir).start());
    }

    public Switchboard switchboard() {
        return switchboard;
    }

    public int port(String service) {
        return switchboard.port(service);
    }

    public ServiceStatus status(String service) {
        return switchboard.serviceStatus(service);
    }

    /** Waits until the service counts exactly {@code n} connected clients. */
    public void awaitActive(String service, long n) {
        Await.until(service + " has " + n + " active clients", Duration.ofSeconds(5),
                () -> status(service).activeConnections() == n, () -> status(service));
    }

    @Override
    public void close() {
        switchboard.close();
    }
}
