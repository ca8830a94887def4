package dev.switchboard.plugins.http;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Connection;
import dev.switchboard.api.DaemonStatus;
import dev.switchboard.api.Handler;
import dev.switchboard.api.ServiceContext;
import dev.switchboard.api.ServiceStatus;
import dev.switchboard.api.Settings;
import dev.switchboard.api.StatusSource;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the daemon while it is being written: serves one handler on a loopback port with real
 * sockets, a thread per client, and a settings map. Replaced by the in-process daemon when it lands.
 */
final class MiniHost implements AutoCloseable {

    private final ServerSocketChannel server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Set<SocketConnection> clients = ConcurrentHashMap.newKeySet();
    private final Handler handler;
    private final AtomicLong total = new AtomicLong();
    private volatile boolean draining;
    private final Instant started = Instant.now();

    MiniHost(Map<String, String> settings) throws IOException, ConfigException {
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        handler = new HttpProtocol().open(new Context(new MapSettings(settings)));
        executor.execute(this::accept);
    }

    int port() throws IOException {
        return ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    long active() {
        return clients.size();
    }

    /** Drains like the daemon: stop accepting, drain(), wait up to grace, close the rest. */
    void drainAndStop(Duration grace) throws Exception {
        server.close();
        draining = true;
        handler.drain();
        long deadline = System.nanoTime() + grace.toNanos();
        while (!clients.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        close();
    }

    @Override
    public void close() throws IOException {
        server.close();
        clients.forEach(SocketConnection::close);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        handler.close();
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel channel = server.accept();
                SocketConnection c = new SocketConnection(channel);
                clients.add(c);
                total.incrementAndGet();
                executor.execute(() -> {
                    try {
                        handler.serve(c);
                        c.output().flush();
                    } catch (IOException e) {
                        // client gone
                    } finally {
                        c.close();
                        clients.remove(c);
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    private final class SocketConnection implements Connection {
        private final SocketChannel channel;
        private final InputStream in;
        private final OutputStream out;

        SocketConnection(SocketChannel channel) throws IOException {
            this.channel = channel;
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            in = new BufferedInputStream(channel.socket().getInputStream());
            out = new BufferedOutputStream(channel.socket().getOutputStream(), 8192);
        }

        @Override public InputStream input() { return in; }
        @Override public OutputStream output() { return out; }

        @Override
        public void sendFile(FileChannel file, long position, long count) throws IOException {
            out.flush();
            while (count > 0) {
                long n = file.transferTo(position, count, channel);
                if (n <= 0) {
                    throw new IOException("file shorter than expected");
                }
                position += n;
                count -= n;
            }
        }

        @Override public InetSocketAddress remoteAddress() { return (InetSocketAddress) channel.socket().getRemoteSocketAddress(); }
        @Override public InetSocketAddress localAddress() { return (InetSocketAddress) channel.socket().getLocalSocketAddress(); }
        @Override public String serviceName() { return "http"; }
        @Override public Duration idleTimeout() { return Duration.ofMinutes(5); }
        @Override public void idleTimeout(Duration timeout) { }

        @Override
        public void readTimeout(Duration timeout) throws IOException {
            channel.socket().setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        }

        @Override public boolean isDraining() { return draining; }
        @Override public long bytesIn() { return 0; }
        @Override public long bytesOut() { return 0; }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }

    private final class Context implements ServiceContext {
        private final Settings settings;

        Context(Settings settings) {
            this.settings = settings;
        }

        @Override public String serviceName() { return "http"; }
        @Override public Settings settings() { return settings; }
        @Override public Clock clock() { return Clock.systemUTC(); }
        @Override public void publish(StatusSource source) { }

        @Override
        public DaemonStatus status() {
            int port;
            try {
                port = port();
            } catch (IOException e) {
                port = 0;
            }
            ServiceStatus http = new ServiceStatus("http", "http", "http", "0.1.0", "127.0.0.1", port,
                    ServiceStatus.State.RUNNING, "", clients.size(), total.get(), 0, 0, 0);
            return new DaemonStatus("0.1.0", started, Duration.between(started, Instant.now()), "test JVM",
                    "platform:8", List.of(http), Map.of("test", Map.of("answer", 42)));
        }
    }

    private record MapSettings(Map<String, String> values) implements Settings {
        @Override public Optional<String> string(String key) { return Optional.ofNullable(values.get(key)); }
        @Override public String string(String key, String fallback) { return values.getOrDefault(key, fallback); }
        @Override public int integer(String key, int fallback, int min, int max) {
            return values.containsKey(key) ? Integer.parseInt(values.get(key)) : fallback;
        }
        @Override public boolean flag(String key, boolean fallback) {
            return values.containsKey(key) ? Boolean.parseBoolean(values.get(key)) : fallback;
        }
        @Override public Duration duration(String key, Duration fallback) {
            String v = values.get(key);
            if (v == null) {
                return fallback;
            }
            return v.endsWith("ms") ? Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)))
                    : Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
        }
        @Override public long size(String key, long fallback) {
            return values.containsKey(key) ? Long.parseLong(values.get(key)) : fallback;
        }
        @Override public Path path(String key, Path fallback) {
            return values.containsKey(key) ? Path.of(values.get(key)) : fallback;
        }
        @Override public List<String> list(String key) { return List.of(); }
        @Override public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
            return values.containsKey(key) ? Enum.valueOf(type, values.get(key).toUpperCase(Locale.ROOT)) : fallback;
        }
        @Override public ConfigException invalid(String key, String problem) { return new ConfigException(key, problem); }
    }
}
