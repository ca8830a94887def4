package dev.switchboard.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real HAProxy (the Debian package) run by a test in the foreground ({@code -db}) with its own
 * configuration in a temporary directory, and stopped by its PID. Its stats page serves CSV on
 * {@link #statsPort()}, so a test can see what HAProxy thinks of its servers' health checks.
 *
 * <pre>{@code
 * try (Haproxy h = Haproxy.start(dir, "frontend f\n  bind 127.0.0.1:" + port + "\n  ...")) {
 *     assertEquals("UP", h.serverStatus("b", "s1"));
 * }
 * }</pre>
 */
final class Haproxy implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int statsPort;

    private Haproxy(Process process, Path log, int statsPort) {
        this.process = process;
        this.log = log;
        this.statsPort = statsPort;
    }

    /** @return the haproxy executable, when it is installed (Debian puts it in /usr/sbin) */
    static Optional<Path> executable() {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin:/sbin";
        return Stream.of(path.split(":")).filter(d -> !d.isEmpty()).map(d -> Path.of(d, "haproxy"))
                .filter(Files::isExecutable).findFirst();
    }

    /** @return a loopback port that was free a moment ago (HAProxy binds its own; it cannot report port 0) */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Writes {@code proxies} (frontends and backends) after a global section, a tcp-mode defaults section
     * and a stats frontend, starts haproxy on it and waits until the stats page answers.
     */
    static Haproxy start(Path dir, String proxies) throws IOException, InterruptedException {
        Path binary = executable().orElseThrow(() -> new IllegalStateException("haproxy is not installed"));
        int stats = freePort();
        Path config = Files.writeString(dir.resolve("haproxy.cfg"), """
                global
                  log stderr format raw local0 info
                  maxconn 512
                defaults
                  mode tcp
                  log global
                  timeout connect 5s
                  timeout client 30s
                  timeout server 30s
                frontend stats
                  mode http
                  bind 127.0.0.1:%d
                  stats enable
                  stats uri /stats
                """.formatted(stats) + proxies);
        Path log = dir.resolve("haproxy.log");
        Process process = new ProcessBuilder(binary.toString(), "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Haproxy haproxy = new Haproxy(process, log, stats);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("haproxy exited with " + process.exitValue() + ":\n" + haproxy.output());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), stats), 1000);
                return haproxy;
            } catch (IOException notYet) {
                process.waitFor(50, TimeUnit.MILLISECONDS);
            }
        }
        haproxy.close();
        return fail("haproxy did not listen on its stats port within 30 s:\n" + haproxy.output());
    }

    int statsPort() {
        return statsPort;
    }

    /** @return what haproxy printed (its log goes to stderr) */
    String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    /**
     * @return the server's status and last check result as HAProxy's stats CSV has them, e.g.
     *     {@code UP L4OK}: the columns are found by the names in the CSV's header line
     */
    String checkState(String backend, String server) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().proxy(ProxySelector.of(null)).build();
        String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/stats;csv"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        String[] lines = body.split("\n");
        List<String> names = List.of(lines[0].replaceFirst("^# ", "").split(",", -1));
        for (String line : lines) {
            if (line.startsWith(backend + "," + server + ",")) {
                String[] fields = line.split(",", -1);
                return fields[names.indexOf("status")] + " " + fields[names.indexOf("check_status")];
            }
        }
        return fail("no stats for " + backend + "/" + server + ":\n" + body);
    }

    /** Stops haproxy by its PID (SIGTERM), then SIGKILL if it lingers. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertTrue(!process.isAlive(), "haproxy did not stop");
    }
}
