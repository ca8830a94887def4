package dev.switchboard.daemon.testing;

import dev.switchboard.api.ServiceStatus;
import dev.switchboard.daemon.Switchboard;
import dev.switchboard.daemon.config.ConfigProblems;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process daemon for one test, started from YAML (see {@link TestConfigs#write}), and the clients the
 * test opened through it; {@link #close()} closes both.
 */
public final class RunningDaemon implements AutoCloseable {

    private final Switchboard switchboard;
    private final List<LineClient> clients = new CopyOnWriteArrayList<>();

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

    /** @return a client of the service, connected from 127.0.0.1 */
    public LineClient client(String service) throws IOException {
        return client(service, "127.0.0.1");
    }

    /** @return a client of the service, connected from {@code from} (e.g. 127.0.0.2 or ::1) */
    public LineClient client(String service, String from) throws IOException {
        InetAddress bound = InetAddress.getByName(status(service).address());
        LineClient c = LineClient.connect(bound.getHostAddress(), port(service), from);
        clients.add(c);
        return c;
    }

    /** Waits until the service counts exactly {@code n} connected clients. */
    public void awaitActive(String service, long n) {
        Await.until(service + " has " + n + " active clients", Duration.ofSeconds(5),
                () -> status(service).activeConnections() == n, () -> status(service));
    }

    /** Closes the test's clients, then stops the daemon. */
    @Override
    public void close() {
        try {
            for (LineClient c : clients) {
                c.close();
            }
        } finally {
            switchboard.close();
        }
    }
}
