package dev.switchboard.plugins.chat;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Connection;
import dev.switchboard.api.DaemonStatus;
import dev.switchboard.api.Handler;
import dev.switchboard.api.ServiceContext;
import dev.switchboard.api.Settings;
import dev.switchboard.api.StatusSource;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** INTERIM: a stand-in for the daemon until Switchboard lands on main. */
final class ChatServer implements AutoCloseable {

    private final ServerSocket server;
    private final Handler handler;
    private StatusSource source;
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    static ChatServer start(String... settings) throws Exception {
        return new ChatServer(settings);
    }

    private ChatServer(String... lines) throws Exception {
        Map<String, String> values = new HashMap<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            String value = line.substring(colon + 1).strip();
            if (value.startsWith("\"")) {
                value = value.substring(1, value.length() - 1).replace("\\n", "\n");
            }
            values.put(line.substring(0, colon).strip(), value);
        }
        handler = new ChatProtocol().open(new Context(values));
        server = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "test-acceptor");
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    Map<String, Object> status() {
        return source.snapshot();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Thread t = new Thread(() -> {
                    try (SocketConnection c = new SocketConnection(s)) {
                        handler.serve(c);
                    } catch (IOException e) {
                        // client gone
                    } finally {
                        threads.remove(Thread.currentThread());
                    }
                });
                threads.add(t);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        acceptor.join();
        handler.drain();
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        for (Thread t : threads) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        for (Socket s : sockets) {
            s.close();
        }
        handler.close();
    }

    private final class Context implements ServiceContext {
        private final Map<String, String> values;

        Context(Map<String, String> values) {
            this.values = values;
        }

        public String serviceName() {
            return "chat";
        }

        public Settings settings() {
            return new MapSettings(values);
        }

        public Clock clock() {
            return Clock.systemUTC();
        }

        public DaemonStatus status() {
            throw new UnsupportedOperationException();
        }

        public void publish(StatusSource s) {
            source = s;
        }
    }

    private static final class MapSettings implements Settings {
        private final Map<String, String> v;

        MapSettings(Map<String, String> v) {
            this.v = v;
        }

        public Optional<String> string(String key) {
            return Optional.ofNullable(v.get(key));
        }

        public String string(String key, String fallback) {
            return v.getOrDefault(key, fallback);
        }

        public int integer(String key, int fallback, int min, int max) {
            return v.containsKey(key) ? Integer.parseInt(v.get(key)) : fallback;
        }

        public boolean flag(String key, boolean fallback) {
            return fallback;
        }

        public Duration duration(String key, Duration fallback) {
            if (!v.containsKey(key)) {
                return fallback;
            }
            String s = v.get(key);
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
        }

        public long size(String key, long fallback) {
            return fallback;
        }

        public Path path(String key, Path fallback) {
            return fallback;
        }

        public List<String> list(String key) {
            return List.of();
        }

        public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
            return fallback;
        }

        public ConfigException invalid(String key, String problem) {
            return new ConfigException(key, problem);
        }
    }

    private static final class SocketConnection implements Connection {
        private final Socket s;
        private final InputStream in;
        private final OutputStream out;
        private Duration idle = Duration.ofMinutes(5);

        SocketConnection(Socket s) throws IOException {
            this.s = s;
            in = new BufferedInputStream(s.getInputStream());
            out = new BufferedOutputStream(s.getOutputStream());
        }

        public InputStream input() {
            return in;
        }

        public OutputStream output() {
            return out;
        }

        public void sendFile(FileChannel f, long p, long c) {
            throw new UnsupportedOperationException();
        }

        public InetSocketAddress remoteAddress() {
            return (InetSocketAddress) s.getRemoteSocketAddress();
        }

        public InetSocketAddress localAddress() {
            return (InetSocketAddress) s.getLocalSocketAddress();
        }

        public String serviceName() {
            return "chat";
        }

        public Duration idleTimeout() {
            return idle;
        }

        public void idleTimeout(Duration t) {
            idle = t;
        }

        public void readTimeout(Duration t) throws IOException {
            s.setSoTimeout((int) t.toMillis());
        }

        public boolean isDraining() {
            return false;
        }

        public long bytesIn() {
            return 0;
        }

        public long bytesOut() {
            return 0;
        }

        public void close() {
            try {
                s.close();
            } catch (IOException e) {
                // closing
            }
        }
    }
}
