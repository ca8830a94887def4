package dev.switchboard.daemon.net;

import dev.switchboard.api.Handler;
import dev.switchboard.daemon.config.AccessPolicy;
import dev.switchboard.daemon.net.proxy.ChannelHeaderBytes;
import dev.switchboard.daemon.net.proxy.ProxyHeader;
import dev.switchboard.daemon.net.tls.TlsEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service's server socket and its acceptor thread: accepts a client, asks the gate, and either
 * refuses it at once (after the configured one-line message) or hands it to the shared executor.
 *
 * <p>A reload that replaces a service on the same address and port does not close and bind again (a
 * moment with no listener, and a bind that can fail): the new listener {@link #takeOver takes over} the
 * socket, and the old acceptor passes whatever it accepts next to its successor.
 */
public final class Listener {

    private static final Logger log = LoggerFactory.getLogger(Listener.class);
    private static final int BACKLOG = 512;
    /** A proxy sends its header first and at once; one that has not within this long is not a proxy. */
    private static final long PROXY_HEADER_DEADLINE_NANOS = 5_000_000_000L;

    private final String serviceName;
    private final ServerSocketChannel server;
    private final InetSocketAddress boundAddress;
    private final AccessPolicy policy;
    private final Gate gate;
    private final Executor executor;
    private final Handler handler;
    private final TrafficStats stats;
    private final BooleanSupplier draining;
    private final Optional<TlsEndpoint> tls;
    private final Set<ClientConnection> clients = ConcurrentHashMap.newKeySet();
    private final RefusalLog refusals;
    private final String plugin;
    private final IncidentLog failures;
    private final IncidentLog stuck;
    private final Object finished = new Object();
    private Thread acceptor;
    /** The listener whose socket this one took over: told to hand over when this one starts. */
    private final Listener predecessor;
    /** Set once this listener's socket belongs to a successor. */
    private volatile Listener successor;

    private Listener(String serviceName, String plugin, ServerSocketChannel server, AccessPolicy policy,
                     ConnectionBudget budget, Executor executor, Handler handler, TrafficStats stats,
                     BooleanSupplier draining, Optional<TlsEndpoint> tls, Listener predecessor) throws IOException {
        this.serviceName = serviceName;
        this.predecessor = predecessor;
        this.tls = tls;
        this.server = server;
        // Kept: status is asked for while draining and after stopping, when the socket is closed.
        this.boundAddress = (InetSocketAddress) server.getLocalAddress();
        this.policy = policy;
        this.gate = new Gate(policy, budget);
        this.executor = executor;
        this.handler = handler;
        this.stats = stats;
        this.draining = draining;
        this.refusals = new RefusalLog(serviceName, log);
        this.plugin = plugin;
        this.failures = new IncidentLog(LoggerFactory.getLogger("switchboard.client"), serviceName + ": handler failures");
        this.stuck = new IncidentLog(LoggerFactory.getLogger(Watchdog.class), serviceName + ": stuck handlers");
    }

    /**
     * Binds the service's socket; call {@link #start()} to accept.
     *
     * @param plugin the plugin whose handler serves the clients, for the log: {@code plugin 'echo' 0.1.0}
     * @param tls for a TLS service, its certificate and settings: clients are handed over after the handshake
     * @throws IOException when the address cannot be bound
     */
    public static Listener bind(String serviceName, String plugin, InetSocketAddress address, AccessPolicy policy,
                                ConnectionBudget budget, Executor executor, Handler handler, TrafficStats stats,
                                BooleanSupplier draining, Optional<TlsEndpoint> tls) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address, BACKLOG);
            return new Listener(serviceName, plugin, server, policy, budget, executor, handler, stats, draining, tls,
                    null);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * A listener for a replacement service on the socket {@code old} holds. Nothing changes for {@code old}
     * until this one {@link #start starts}; {@link #discard} leaves the socket to it.
     */
    public static Listener takeOver(Listener old, String serviceName, String plugin, AccessPolicy policy,
                                    ConnectionBudget budget, Executor executor, Handler handler, TrafficStats stats,
                                    BooleanSupplier draining, Optional<TlsEndpoint> tls) throws IOException {
        return new Listener(serviceName, plugin, old.server, policy, budget, executor, handler, stats, draining, tls,
                old);
    }

    /** @return true while the socket is open and no successor has taken it over */
    public boolean canBeTakenOver() {
        return server.isOpen() && successor == null;
    }

    /** @return for a TLS service, where its certificate is swapped on reload */
    public Optional<TlsEndpoint> tls() {
        return tls;
    }

    /** @return the bound address, with the real port when 0 was asked for */
    public InetSocketAddress boundAddress() {
        return boundAddress;
    }

    /** Starts the acceptor thread; a listener that took over a socket first tells its predecessor. */
    public synchronized void start() {
        if (predecessor != null) {
            predecessor.successor = this;
        }
        acceptor = new Thread(this::acceptLoop, "accept-" + serviceName);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // Typically out of file descriptors: back off instead of spinning on the error.
                log.warn("{}: accept failed: {}", serviceName, e.toString());
                pause();
                continue;
            }
            Listener next = successor;
            if (next != null) {
                // Accepted while blocked before the hand-over: the client belongs to the new service.
                next.dispatch(channel);
                return;
            }
            dispatch(channel);
        }
    }

    private void dispatch(SocketChannel channel) {
        InetSocketAddress peer;
        try {
            peer = (InetSocketAddress) channel.getRemoteAddress();
        } catch (IOException e) {
            closeQuietly(channel); // the client already left
            return;
        }
        if (policy.behindProxy()) {
            relayed(channel, peer);
        } else {
            admit(channel, peer, Optional.empty(), executor);
        }
    }

    /**
     * Behind a proxy only the proxy may connect, and its header is read on the client's own thread, never
     * on the acceptor: then the client it names goes through the gate like any other.
     */
    private void relayed(SocketChannel channel, InetSocketAddress proxy) {
        if (!policy.trustsProxy(proxy.getAddress())) {
            refuseNow(channel, proxy, "not a trusted proxy: this service takes clients only through one "
                    + "(proxy-protocol)", policy.denyMessage());
            return;
        }
        try {
            executor.execute(() -> readHeader(channel, proxy));
        } catch (RejectedExecutionException e) {
            refuseNow(channel, proxy, "no free thread in the daemon's shared pool (" + e.getMessage() + ")",
                    policy.busyMessage());
        }
    }

    private void readHeader(SocketChannel channel, InetSocketAddress proxy) {
        ProxyHeader header;
        try {
            header = ProxyHeader.read(new ChannelHeaderBytes(channel, System.nanoTime() + PROXY_HEADER_DEADLINE_NANOS));
        } catch (ChannelHeaderBytes.NothingSent e) {
            closeQuietly(channel); // a proxy's TCP health check: not a client
            return;
        } catch (IOException e) {
            refuseNow(channel, proxy, "bad PROXY header from the proxy: " + e.getMessage(), "");
            return;
        }
        if (header.fromProxyItself(proxy, localAddress(channel))) {
            log.trace("{}: health check from the proxy {}", serviceName, ClientConnection.endpoint(proxy));
            closeQuietly(channel); // v2 LOCAL, v1 UNKNOWN, or v1 naming the proxy's own connection: not a client
            return;
        }
        admit(channel, header.client().orElseThrow(), Optional.of(proxy), Runnable::run);
    }

    private InetSocketAddress localAddress(SocketChannel channel) {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            return boundAddress; // closed already: the header is then compared with the listening address
        }
    }

    private void refuseNow(SocketChannel channel, InetSocketAddress from, String reason, String message) {
        stats.refused(Refusal.OTHER);
        refusals.refused(gate.source(from.getAddress()), reason);
        refuse(channel, message);
    }

    /** The gate, then the handler on {@code runner}: the shared executor, or the thread already serving. */
    private void admit(SocketChannel channel, InetSocketAddress remote, Optional<InetSocketAddress> proxy,
                       Executor runner) {
        CountedSource source = gate.source(remote.getAddress());
        Verdict verdict = gate.admit(source, System.nanoTime());
        if (!verdict.admitted()) {
            stats.refused(verdict.refusal());
            refusals.refused(source, verdict.reason());
            refuse(channel, verdict.denied() ? policy.denyMessage() : policy.busyMessage());
            return;
        }
        ClientConnection client;
        try {
            client = new ClientConnection(channel, remote, proxy, serviceName, policy.idleTimeout(), stats, draining,
                    tls, () -> closed(source));
        } catch (IOException e) {
            gate.closed(source);
            gate.handlerReturned();
            closeQuietly(channel);
            return;
        }
        stats.total.increment();
        stats.active.incrementAndGet();
        clients.add(client);
        try {
            runner.execute(new ClientTask(client, handler, stats, failures, plugin, () -> finished(client)));
        } catch (RejectedExecutionException e) {
            // Never a silent close: the client hears the busy line and the log says why.
            stats.total.decrement();
            stats.refused(Refusal.OTHER);
            refusals.refused(source, draining.getAsBoolean() ? "the service is stopping"
                    : "no free thread in the daemon's shared pool (" + e.getMessage() + ")");
            refuse(channel, policy.busyMessage());
            client.close();
            finished(client);
        }
    }

    private void closed(CountedSource source) {
        stats.active.decrementAndGet();
        gate.closed(source);
    }

    private void finished(ClientConnection client) {
        clients.remove(client);
        gate.handlerReturned();
        synchronized (finished) {
            finished.notifyAll();
        }
    }

    /** Sends the refusal line without ever blocking the acceptor, then closes. */
    private static void refuse(SocketChannel channel, String message) {
        try {
            if (!message.isEmpty()) {
                channel.configureBlocking(false);
                channel.write(ByteBuffer.wrap((message + "\r\n").getBytes(StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            // the refused client left first
        } finally {
            closeQuietly(channel);
        }
    }

    /**
     * Stops accepting: closes the server socket, unless a successor took it over (then its acceptor
     * passes the client it may still accept to the successor, and ends). Connected clients carry on.
     */
    public void stopAccepting() {
        if (successor != null) {
            return;
        }
        closeQuietly(server);
        Thread t;
        synchronized (this) {
            t = acceptor;
        }
        if (t != null) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Drops a listener that never started: closes its socket unless it was taken over from another. */
    public void discard() {
        if (predecessor == null) {
            closeQuietly(server);
        }
    }

    /**
     * Waits until every client's handler has returned.
     *
     * @return true if they all did before the deadline
     */
    public boolean awaitClients(long deadlineNanos) throws InterruptedException {
        synchronized (finished) {
            while (!clients.isEmpty()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                finished.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** Closes every client still connected; their handlers' blocked reads and writes fail. */
    public void closeClients() {
        clients.forEach(ClientConnection::close);
    }

    /**
     * @param top how many to list
     * @param now the wall clock now, for when each client connected
     * @return the connected clients that moved the most bytes, and how many more there are
     */
    public TopClients connected(int top, Instant now) {
        return TopClients.of(clients, top, now);
    }

    /** @return the clients whose handlers are still running, stuck ones included */
    public int clientCount() {
        return clients.size();
    }

    /**
     * Closes idle clients and finds handlers still running {@code stuckAfterNanos} after their client
     * closed: those are interrupted once and counted as stuck. They keep their place in the service's
     * quota until they return, so they can only ever crowd out their own service.
     *
     */
    void watch(long nowNanos, long stuckAfterNanos) {
        int stuckNow = 0;
        for (ClientConnection client : clients) {
            if (!client.isClosed()) {
                if (client.isIdle(nowNanos)) {
                    log.debug("{}: idle for {}, closing", client, client.idleTimeout());
                    client.close();
                }
            } else if (nowNanos - client.closedNanos() > stuckAfterNanos) {
                stuckNow++;
                if (client.markStuck()) {
                    reportStuck(client, nowNanos);
                }
            }
        }
        stats.stuck.set(stuckNow);
        gate.sweep(nowNanos);
        refusals.flush(nowNanos);
        failures.flush(nowNanos);
        stuck.flush(nowNanos);
    }

    /** Logs where the handler is stuck (its thread's stack, as a trace) and interrupts it once. */
    private void reportStuck(ClientConnection client, long nowNanos) {
        Thread thread = client.servingThread();
        StuckHandler where = new StuckHandler(thread);
        long seconds = (nowNanos - client.closedNanos()) / 1_000_000_000L;
        stuck.report(client + ": handler of " + plugin + " still running " + seconds + " s after its client closed; "
                + "interrupted it. It keeps its place in the service's max-connections until it returns "
                + "(other services are unaffected); report it to the plugin's author", where,
                client + " in " + where.getMessage());
        if (thread != null) {
            thread.interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing more to do for a socket we are discarding
        }
    }
}
