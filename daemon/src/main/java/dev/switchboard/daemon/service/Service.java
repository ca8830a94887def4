package dev.switchboard.daemon.service;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Handler;
import dev.switchboard.api.ServiceStatus.State;
import dev.switchboard.api.ServiceStatus;
import dev.switchboard.api.StatusSource;
import dev.switchboard.daemon.config.AddressText;
import dev.switchboard.daemon.config.ServiceConfig;
import dev.switchboard.daemon.net.Listener;
import dev.switchboard.daemon.net.TrafficStats;
import dev.switchboard.daemon.plugin.PluginHost;
import dev.switchboard.daemon.plugin.ProtocolProvider;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured service: its handler, its socket and its clients. Started and stopped on its own, so a
 * failure stays with it and a reload can replace it alone.
 */
public final class Service {

    private static final Logger log = LoggerFactory.getLogger(Service.class);

    private final ServiceConfig config;
    private final ServiceEnvironment environment;
    private final TrafficStats stats = new TrafficStats();
    private final List<StatusSource> published = new CopyOnWriteArrayList<>();
    private volatile State state = State.STARTING;
    private volatile String problem = "";
    private volatile boolean draining;
    private volatile String pluginId = "";
    private volatile String pluginVersion = "";
    private volatile ProtocolProvider provider;
    private Handler handler;
    private volatile Listener listener;

    public Service(ServiceConfig config, ServiceEnvironment environment) {
        this.config = config;
        this.environment = environment;
    }

    /** Opens the handler and the socket and starts accepting; on failure the service is {@link State#FAILED}. */
    public synchronized void start() {
        if (!config.enabled()) {
            state = State.STOPPED;
            problem = "disabled (enabled: false)";
            return;
        }
        try {
            HandlerOpener.Opened opened = HandlerOpener.open(config, environment.plugins(),
                    settings -> new OpeningContext(config.name(), settings, environment.clock(), environment.status(),
                            published::add));
            handler = opened.handler();
            pluginId = opened.provider().pluginId();
            pluginVersion = opened.provider().pluginVersion();
            provider = opened.provider();
            listener = bind();
            listener.start();
            state = State.RUNNING;
        } catch (ServiceFailure e) {
            fail(e.getMessage());
        } catch (RuntimeException e) {
            // Whatever else goes wrong stays with this service: the others start regardless.
            log.error("{}: failed to start", config.name(), e);
            closeHandler();
            fail("failed to start: " + e);
        }
    }

    private Listener bind() throws ServiceFailure {
        try {
            return bind(config.bind());
        } catch (UnsupportedAddressTypeException | SocketException e) {
            if (!(e instanceof BindException) && config.bind() instanceof Inet6Address && config.bind().isAnyLocalAddress()) {
                // No IPv6 on this machine (disabled in the kernel): every IPv4 interface is what "::" meant.
                log.info("{}: IPv6 is unavailable ({}); listening on 0.0.0.0 instead", config.name(), e.toString());
                try {
                    return bind(InetAddress.getByAddress(new byte[4]));
                } catch (IOException again) {
                    throw bindFailure(again);
                }
            }
            throw bindFailure(e instanceof IOException io ? io : new IOException(e.toString(), e));
        } catch (IOException e) {
            throw bindFailure(e);
        }
    }

    private Listener bind(InetAddress address) throws IOException {
        return Listener.bind(config.name(), "plugin '" + pluginId + "' " + pluginVersion,
                new InetSocketAddress(address, config.port()), config.access(),
                environment.budget(), environment.executor(), handler, stats, () -> draining);
    }

    private ServiceFailure bindFailure(IOException e) {
        closeHandler();
        String where = "[" + AddressText.of(config.bind()) + "]:" + config.port();
        String reason = Objects.toString(e.getMessage(), e.toString());
        String hint = reason.contains("in use") ? "another program or service uses it: stop it or pick another port"
                : reason.contains("ermission") ? "ports below 1024 need root or CAP_NET_BIND_SERVICE (the systemd unit grants it)"
                : reason.contains("assign") ? "this machine has no such address: fix bind"
                : "check bind and port";
        return new ServiceFailure(config.settings().problem(new ConfigException("port",
                "cannot listen on " + where + ": " + reason + " (" + hint + ")")));
    }

    private void fail(String why) {
        state = State.FAILED;
        problem = why;
    }

    /** Closes the server socket: no new clients. Connected clients carry on. */
    public void stopAccepting() {
        Listener l = listener;
        if (l != null) {
            l.stopAccepting();
        }
    }

    /** Tells the handler the service is going away, so it can tell its clients. */
    public void drain() {
        if (state != State.RUNNING) {
            return;
        }
        draining = true;
        state = State.DRAINING;
        try {
            handler.drain();
        } catch (RuntimeException e) {
            log.warn("{}: handler failed while draining (a bug in plugin '{}'): {}", config.name(), pluginId, e.toString());
        }
    }

    /** @return true if every client finished before the deadline */
    public boolean awaitClients(long deadlineNanos) throws InterruptedException {
        Listener l = listener;
        return l == null || l.awaitClients(deadlineNanos);
    }

    /** @return how many clients are still being served */
    public int clientCount() {
        Listener l = listener;
        return l == null ? 0 : l.clientCount();
    }

    /** Closes every remaining client. */
    public void closeClients() {
        Listener l = listener;
        if (l != null) {
            l.closeClients();
        }
    }

    /** Releases the handler; the service is {@link State#STOPPED} unless it had failed. */
    public synchronized void close() {
        closeHandler();
        if (state != State.FAILED) {
            state = State.STOPPED;
        }
        published.clear();
    }

    private void closeHandler() {
        if (handler != null) {
            HandlerOpener.closeQuietly(handler);
            handler = null;
        }
    }

    public String name() {
        return config.name();
    }

    public ServiceConfig config() {
        return config;
    }

    public State state() {
        return state;
    }

    /** @return why the service failed, or empty */
    public String problem() {
        return problem;
    }

    /** @return the protocol the service was opened with, once it has been */
    public Optional<ProtocolProvider> provider() {
        return Optional.ofNullable(provider);
    }

    /** @return the plugins the service's protocol came from: they stay loaded while it runs */
    public PluginHost plugins() {
        return environment.plugins();
    }

    /** @return the listener, while the service is bound */
    public Optional<Listener> listener() {
        return Optional.ofNullable(listener);
    }

    /** @return the status sources this service's handler published */
    public List<StatusSource> published() {
        return List.copyOf(published);
    }

    public ServiceStatus status() {
        Listener l = listener;
        InetSocketAddress bound = l == null ? null : l.boundAddress();
        return new ServiceStatus(config.name(), config.protocol(), pluginId, pluginVersion,
                AddressText.of(bound == null ? config.bind() : bound.getAddress()),
                bound == null ? 0 : bound.getPort(), state, problem,
                stats.active(), stats.total(), stats.rejected(), stats.bytesIn(), stats.bytesOut(), stats.stuck(),
                stats.failures());
    }
}
