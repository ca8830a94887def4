package dev.switchboard.daemon.service;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.DatagramHandler;
import dev.switchboard.api.Handler;
import dev.switchboard.api.ServiceStatus.State;
import dev.switchboard.api.ServiceStatus;
import dev.switchboard.api.StatusSource;
import dev.switchboard.daemon.background.ServiceWork;
import dev.switchboard.daemon.config.AddressText;
import dev.switchboard.daemon.config.ServiceConfig;
import dev.switchboard.daemon.net.Listener;
import dev.switchboard.daemon.net.TrafficStats;
import dev.switchboard.daemon.net.tls.TlsEndpoint;
import dev.switchboard.daemon.net.tls.TlsMaterial;
import dev.switchboard.daemon.net.udp.DatagramListener;
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
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured service: its handler, its socket and its clients. Started and stopped on its own, so a
 * failure stays with it and a reload can replace it alone.
 */
public final class Service {

    private static final Logger log = LoggerFactory.getLogger(Service.class);
    /** How many port pairs port 0 with both transports tries before the bind fails. */
    private static final int PORT_PAIR_ATTEMPTS = 10;

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
    /** The provider while this service keeps its plugin loaded: from a successful open until its handler closed. */
    private ProtocolProvider loaded;
    private volatile ServiceInputs inputs = ServiceInputs.NONE;
    private final ServiceWork work;
    private Handler handler;
    private volatile Listener listener;
    private volatile DatagramListener datagrams;
    private Optional<TlsEndpoint> tls = Optional.empty();

    public Service(ServiceConfig config, ServiceEnvironment environment) {
        this.config = config;
        this.environment = environment;
        this.work = environment.background().forService(config.name());
    }

    /** Opens the handler and the socket and starts accepting; on failure the service is {@link State#FAILED}. */
    public synchronized void start() {
        try {
            prepare(List.of());
            activate();
        } catch (ServiceFailure e) {
            fail(e.getMessage());
        }
    }

    /**
     * Everything that can fail, and nothing that shows: opens the handler, reads the certificate and binds
     * the socket, or takes over the socket of an outgoing service on the same address and port. What a
     * reload does for every new service before it changes anything; {@link #activate} or {@link #abandon}
     * follows.
     *
     * @param outgoing the services a reload takes away, whose sockets this one may take over
     * @throws ServiceFailure when the service cannot be served; it then holds no handler and no socket
     */
    public synchronized void prepare(List<Service> outgoing) throws ServiceFailure {
        if (!config.enabled()) {
            return;
        }
        try {
            HandlerOpener.Opened opened = HandlerOpener.open(config, environment.plugins(), environment.calls(),
                    (settings, scope) -> new OpeningContext(config.name(), settings, environment.clock(),
                            environment.status(), published::add, work, scope));
            handler = opened.handler();
            pluginId = opened.provider().pluginId();
            pluginVersion = opened.provider().pluginVersion();
            provider = opened.provider();
            provider.retain(); // its plugin stays loaded until the handler is closed
            loaded = provider;
            inputs = opened.inputs();
            requireDatagramHandler();
            tls = openTls();
            bind(outgoing);
        } catch (RuntimeException e) {
            // Whatever else goes wrong stays with this service: the others start regardless.
            log.error("{}: failed to start", config.name(), e);
            closeHandler();
            throw new ServiceFailure(config.settings().problem(new ConfigException("", "failed to start: " + e)));
        }
    }

    /** Starts accepting on the prepared socket (taking it over from its old service, if it was one's). */
    public synchronized void activate() {
        if (!config.enabled()) {
            state = State.STOPPED;
            problem = "disabled (enabled: false)";
            return;
        }
        if (listener != null) {
            listener.start();
        }
        if (datagrams != null) {
            datagrams.start();
            log.info("{}: answering datagrams on UDP {}", config.name(), AddressText.of(datagrams.boundAddress().getAddress())
                    + " port " + datagrams.boundAddress().getPort());
        }
        state = State.RUNNING;
    }

    /** Undoes {@link #prepare}: closes what it opened, and leaves a socket it would have taken over alone. */
    public synchronized void abandon() {
        if (listener != null) {
            listener.discard();
            listener = null;
        }
        if (datagrams != null) {
            datagrams.discard();
            datagrams = null;
        }
        closeHandler();
        state = State.STOPPED;
    }

    private void requireDatagramHandler() throws ServiceFailure {
        if (config.transport().udp() && !(handler instanceof DatagramHandler)) {
            closeHandler();
            throw new ServiceFailure(config.settings().problem(new dev.switchboard.api.ConfigException("transport",
                    "protocol '" + config.protocol() + "' (plugin '" + pluginId + "') does not answer datagrams: "
                    + "use transport: tcp")));
        }
    }

    private Optional<TlsEndpoint> openTls() throws ServiceFailure {
        try {
            Optional<TlsMaterial> material = ServiceTls.load(config, environment.clock().instant());
            material.ifPresent(m -> log.info("{}: TLS with the certificate of {} from {}, valid until {}", config.name(),
                    m.subject(), m.source(), m.notAfter()));
            material.flatMap(m -> m.expiryWarning(environment.clock().instant()))
                    .ifPresent(w -> log.warn("{}: {}", config.name(), w));
            return material.map(m -> new TlsEndpoint(m, config.tls(), config.access().idleTimeout()));
        } catch (ServiceFailure e) {
            closeHandler();
            throw e;
        }
    }

    /**
     * Gives new TLS clients the certificate a reload read; connected clients keep their sessions.
     *
     * @return what changed, for the reload's report; empty when the certificate is the same
     */
    public Optional<String> replaceCertificate(TlsMaterial next) {
        Optional<TlsEndpoint> endpoint = listener().flatMap(Listener::tls);
        if (endpoint.isEmpty() || endpoint.get().material().sameChain(next)) {
            return Optional.empty();
        }
        endpoint.get().replace(next);
        return Optional.of("service " + config.name() + ": new certificate from " + next.source() + " ("
                + next.subject() + ", expires " + next.notAfter() + ") for new clients; " + clientCount()
                + " connected clients keep theirs");
    }

    private void bind(List<Service> outgoing) throws ServiceFailure {
        try {
            bind(config.bind(), outgoing);
        } catch (UnsupportedAddressTypeException | SocketException e) {
            if (!(e instanceof BindException) && config.bind() instanceof Inet6Address && config.bind().isAnyLocalAddress()) {
                // No IPv6 on this machine (disabled in the kernel): every IPv4 interface is what "::" meant.
                log.info("{}: IPv6 is unavailable ({}); listening on 0.0.0.0 instead", config.name(), e.toString());
                try {
                    bind(InetAddress.getByAddress(new byte[4]), outgoing);
                    return;
                } catch (IOException again) {
                    throw bindFailure(again);
                }
            }
            throw bindFailure(e instanceof IOException io ? io : new IOException(e.toString(), e));
        } catch (IOException e) {
            throw bindFailure(e);
        }
    }

    /**
     * Binds TCP, UDP or both; with both, UDP takes the port number TCP got (which port 0 leaves open). A
     * socket an outgoing service holds on the same address and port is taken over instead.
     */
    private void bind(InetAddress address, List<Service> outgoing) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                bindOnce(address, outgoing);
                return;
            } catch (BindException e) {
                // Port 0 with both transports: the port TCP got may be some other program's UDP port; any
                // free pair will do, so try another before giving up.
                boolean anyPortWillDo = config.port() == 0 && config.transport().tcp() && config.transport().udp();
                if (!anyPortWillDo || attempt == PORT_PAIR_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void bindOnce(InetAddress address, List<Service> outgoing) throws IOException {
        InetSocketAddress wanted = new InetSocketAddress(address, config.port());
        Listener tcp = null;
        try {
            if (config.transport().tcp()) {
                String plugin = "plugin '" + pluginId + "' " + pluginVersion;
                Optional<Listener> held = held(outgoing, Service::listener, Listener::boundAddress, wanted,
                        Listener::canBeTakenOver);
                tcp = held.isPresent()
                        ? Listener.takeOver(held.get(), config.name(), plugin, config.access(), environment.budget(),
                                environment.executor(), handler, stats, () -> draining, tls)
                        : Listener.bind(config.name(), plugin, wanted, config.access(), environment.budget(),
                                environment.executor(), handler, stats, () -> draining, tls);
            }
            if (config.transport().udp()) {
                InetSocketAddress at = tcp != null ? tcp.boundAddress() : wanted;
                Optional<DatagramListener> held = held(outgoing, Service::datagrams, DatagramListener::boundAddress, at,
                        DatagramListener::canBeTakenOver);
                datagrams = held.isPresent()
                        ? DatagramListener.takeOver(held.get(), config.name(), config.access(), config.datagrams(),
                                (DatagramHandler) handler, stats)
                        : DatagramListener.bind(config.name(), at, config.access(), config.datagrams(),
                                (DatagramHandler) handler, stats);
            }
            listener = tcp;
        } catch (IOException | RuntimeException e) {
            if (tcp != null) {
                tcp.discard();
            }
            throw e;
        }
    }

    /** @return an outgoing service's socket bound to exactly {@code wanted} (never for port 0), if one is free */
    private static <S> Optional<S> held(List<Service> outgoing, Function<Service, Optional<S>> socket,
                                        Function<S, InetSocketAddress> address, InetSocketAddress wanted,
                                        Predicate<S> free) {
        if (wanted.getPort() == 0) {
            return Optional.empty();
        }
        return outgoing.stream().map(socket).flatMap(Optional::stream)
                .filter(s -> address.apply(s).equals(wanted) && free.test(s)).findFirst();
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
        DatagramListener d = datagrams;
        if (d != null) {
            d.stop();
        }
    }

    /**
     * Tells the handler the service is going away, so it can tell its clients: starts the handler's
     * {@code drain()}, which the caller waits for with a deadline (several services drain at once).
     *
     * @return the call, or empty when the service was not running
     */
    public synchronized Optional<PluginCall<Void, RuntimeException>> startDrain() {
        if (state != State.RUNNING || handler == null) {
            return Optional.empty();
        }
        draining = true;
        state = State.DRAINING;
        Handler h = handler;
        return Optional.of(environment.calls().start(config.name(), plugin(), "drain", () -> {
            h.drain();
            return null;
        }, null));
    }

    /** Drains the handler, waiting for it at most {@code daemon.plugin-timeout}. */
    public void drain() {
        long deadline = environment.calls().deadline();
        startDrain().ifPresent(call -> call.awaitQuietly(deadline));
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

    /** Releases the handler, waiting for it at most {@code daemon.plugin-timeout}. */
    public void close() {
        long deadline = environment.calls().deadline();
        startClose().ifPresent(call -> call.awaitQuietly(deadline));
    }

    /**
     * Releases the handler: starts its {@code close()}, which the caller waits for with a deadline. The
     * service is {@link State#STOPPED} unless it had failed.
     *
     * @return the call, or empty when there was no handler to close
     */
    public synchronized Optional<PluginCall<Void, RuntimeException>> startClose() {
        Handler h = handler;
        handler = null;
        if (state != State.FAILED) {
            state = State.STOPPED;
        }
        published.clear();
        work.close();
        ProtocolProvider p = loaded;
        loaded = null;
        if (h == null) {
            release(p);
            return Optional.empty();
        }
        return Optional.of(environment.calls().start(config.name(), plugin(), "close", () -> {
            try {
                h.close();
            } finally {
                release(p); // only once close() has returned: its classes must stay until then
            }
            return null;
        }, null));
    }

    private void closeHandler() {
        work.close();
        if (handler != null) {
            HandlerOpener.close(environment.calls(), config.name(), plugin(), handler);
            handler = null;
        }
        release(loaded);
        loaded = null;
    }

    private static void release(ProtocolProvider p) {
        if (p != null) {
            p.release();
        }
    }

    /** @return the plugin as the log names it */
    private String plugin() {
        return "plugin '" + pluginId + "' " + pluginVersion;
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

    /** @return how the files its protocol read when it opened have changed since, or empty */
    public Optional<String> inputsChanged() {
        return inputs.changed();
    }

    /** @return the protocol the service was opened with, once it has been */
    public Optional<ProtocolProvider> provider() {
        return Optional.ofNullable(provider);
    }

    /** @return the listener, while the service is bound */
    public Optional<Listener> listener() {
        return Optional.ofNullable(listener);
    }

    /** @return the UDP socket, for a service with transport udp or both while it is bound */
    public Optional<DatagramListener> datagrams() {
        return Optional.ofNullable(datagrams);
    }

    /** @return the service's counters */
    public TrafficStats traffic() {
        return stats;
    }

    /** @return the status sources this service's handler published */
    public List<StatusSource> published() {
        return List.copyOf(published);
    }

    public ServiceStatus status() {
        Listener l = listener;
        DatagramListener d = datagrams;
        InetSocketAddress bound = l != null ? l.boundAddress() : d != null ? d.boundAddress() : null;
        return new ServiceStatus(config.name(), config.protocol(), pluginId, pluginVersion,
                AddressText.of(bound == null ? config.bind() : bound.getAddress()),
                bound == null ? 0 : bound.getPort(), state, problem,
                stats.active(), stats.total(), stats.rejected(), stats.bytesIn(), stats.bytesOut(), stats.stuck(),
                stats.failures(), environment.calls().failures(config.name()));
    }
}
