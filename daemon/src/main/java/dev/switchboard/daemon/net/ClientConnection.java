package dev.switchboard.daemon.net;

import dev.switchboard.api.ConnectedClient;
import dev.switchboard.api.Connection;
import dev.switchboard.api.TlsInfo;
import dev.switchboard.daemon.net.tls.TlsEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * An accepted, admitted client: counted, buffered streams over its {@link SocketChannel}, with the
 * bookkeeping the idle watchdog needs. How the socket is read, written and waited on depends on the
 * thread that serves it (see {@link #startServing}).
 */
final class ClientConnection implements Connection {

    /**
     * Small on purpose: a chat service holds thousands of mostly idle connections, and bulk reads and
     * writes (echo's 64 KiB, http's files) bypass the buffers anyway.
     */
    private static final int INPUT_BUFFER = 1024;
    private static final int OUTPUT_BUFFER = 4096;

    private final SocketChannel channel;
    private final String serviceName;
    private final TrafficStats stats;
    private final BooleanSupplier draining;
    private final Runnable onClose;
    private final InetSocketAddress remote;
    private final Optional<InetSocketAddress> proxy;
    private final InetSocketAddress local;
    private final Optional<TlsEndpoint> tlsEndpoint;
    private volatile Optional<TlsInfo> tls = Optional.empty();
    private volatile SocketIo io; // set by startServing, before the handler runs
    private CountingInputStream input;
    private CountingOutputStream output;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final long openedNanos = System.nanoTime();
    private volatile long lastActivityNanos = openedNanos;
    private volatile long idleTimeoutNanos;
    private volatile long bytesIn;
    private volatile long bytesOut;
    private volatile long closedNanos;
    private volatile Thread servingThread;
    private final AtomicBoolean stuck = new AtomicBoolean();

    /**
     * @param remote the client: the socket's peer, or behind a proxy the client its PROXY header named
     * @param proxy behind a proxy, the proxy (the socket's peer)
     */
    ClientConnection(SocketChannel channel, InetSocketAddress remote, Optional<InetSocketAddress> proxy,
                     String serviceName, Duration idleTimeout, TrafficStats stats,
                     BooleanSupplier draining, Optional<TlsEndpoint> tlsEndpoint, Runnable onClose) throws IOException {
        this.channel = channel;
        this.tlsEndpoint = tlsEndpoint;
        this.serviceName = serviceName;
        this.stats = stats;
        this.draining = draining;
        this.onClose = onClose;
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.remote = remote;
        this.proxy = proxy;
        this.local = (InetSocketAddress) channel.getLocalAddress();
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }

    /**
     * Called on the serving thread before the handler runs. A virtual thread waits best in the JDK's
     * own blocking channel; a platform thread in one that is switched to non-blocking mode only once.
     * A TLS service's handshake happens here, so the handler only ever sees plaintext.
     */
    void startServing(Thread thread) throws IOException {
        servingThread = thread;
        SocketIo chosen = ClientExecutors.isVirtual(thread) ? new BlockingSocketIo(channel) : new PolledSocketIo(channel);
        io = chosen; // so that close() releases it even if the handshake fails
        if (tlsEndpoint.isPresent()) {
            TlsSocketIo secured = TlsSocketIo.handshake(chosen, tlsEndpoint.get(), remote);
            tls = Optional.of(secured.info());
            chosen = secured;
        }
        input = new CountingInputStream(chosen.input(), INPUT_BUFFER, this::countIn);
        output = new CountingOutputStream(chosen.output(), OUTPUT_BUFFER, this::countOut);
        io = chosen;
    }

    private void countIn(int n) {
        bytesIn += n; // only the serving thread reads
        stats.bytesIn.add(n);
        lastActivityNanos = System.nanoTime();
    }

    private void countOut(int n) {
        bytesOut += n;
        stats.bytesOut.add(n);
        lastActivityNanos = System.nanoTime();
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void sendFile(FileChannel file, long position, long count) throws IOException {
        Objects.requireNonNull(file, "file");
        output.flush();
        long end = position + count;
        while (position < end) {
            long n = io.transfer(file, position, end - position);
            if (n <= 0) {
                throw new IOException("file ended " + (end - position) + " bytes short of the range sent");
            }
            position += n;
            countOut((int) Math.min(n, Integer.MAX_VALUE));
        }
    }

    @Override
    public Optional<TlsInfo> tls() {
        return tls;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public Optional<InetSocketAddress> proxyAddress() {
        return proxy;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public String serviceName() {
        return serviceName;
    }

    @Override
    public Duration idleTimeout() {
        return Duration.ofNanos(idleTimeoutNanos);
    }

    @Override
    public void idleTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive: " + timeout);
        }
        idleTimeoutNanos = timeout.toNanos();
    }

    @Override
    public void readTimeout(Duration timeout) throws IOException {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("read timeout must not be negative: " + timeout);
        }
        io.readTimeout(timeout);
    }

    @Override
    public boolean isDraining() {
        return draining.getAsBoolean();
    }

    @Override
    public long bytesIn() {
        return bytesIn;
    }

    @Override
    public long bytesOut() {
        return bytesOut;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closedNanos = System.nanoTime();
            stats.ended(closedNanos - openedNanos);
            try {
                channel.close();
            } catch (IOException e) {
                // closing a socket that is already broken: nothing left to release
            }
            SocketIo current = io;
            if (current != null) {
                current.close();
            }
            onClose.run();
        }
    }

    /** Sends what the handler left in the buffer; the client may already be gone. */
    void flushQuietly() {
        if (!closed.get() && output != null) {
            try {
                output.flush();
                io.finish();
            } catch (IOException e) {
                // the client left before reading its last bytes
            }
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    boolean isIdle(long nowNanos) {
        return nowNanos - lastActivityNanos > idleTimeoutNanos;
    }

    long openedNanos() {
        return openedNanos;
    }

    long closedNanos() {
        return closedNanos;
    }

    /** @return true the first time: the watchdog reports a stuck handler once */
    boolean markStuck() {
        return stuck.compareAndSet(false, true);
    }

    void servingThread(Thread thread) {
        servingThread = thread;
    }

    Thread servingThread() {
        return servingThread;
    }

    /** @return this client as the dashboard lists it, {@code now} being the wall clock at {@code nowNanos} */
    ConnectedClient describe(long nowNanos, Instant now) {
        return new ConnectedClient(endpoint(remote), now.minusNanos(nowNanos - openedNanos), bytesIn, bytesOut,
                Duration.ofNanos(Math.max(0, nowNanos - lastActivityNanos)));
    }

    /** For the log: {@code echo client 203.0.113.7:5000 via proxy 127.0.0.1:4123} behind a proxy. */
    @Override
    public String toString() {
        String client = serviceName + " client " + endpoint(remote);
        return proxy.map(p -> client + " via proxy " + endpoint(p)).orElse(client);
    }

    /** {@code 192.0.2.1:80}, {@code [2001:db8::1]:80}: an IPv6 address in brackets, so its port stands apart. */
    static String endpoint(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
