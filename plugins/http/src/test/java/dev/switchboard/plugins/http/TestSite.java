package dev.switchboard.plugins.http;

import dev.switchboard.testkit.TestDaemon;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A web root in a temp directory with known files, a secret outside it, and a {@link TestDaemon}
 * serving it with an http service on a loopback port.
 */
final class TestSite implements AutoCloseable {

    /** Appears in the secret file outside the root and nowhere inside it. */
    static final String SECRET = "TOP-SECRET-d41d8cd98f00b204";
    static final int LARGE_SIZE = 3 * 1024 * 1024 + 17;

    final Path base;
    final Path root;
    final Path outside;
    final byte[] large;
    private final TestDaemon daemon;

    TestSite(Path tmp, Map<String, String> settings) throws Exception {
        base = tmp;
        root = Files.createDirectories(tmp.resolve("www"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        Files.writeString(tmp.resolve("secret.txt"), SECRET);
        Files.writeString(root.resolve("index.html"), "<h1>home</h1>");
        Files.writeString(root.resolve("hello.txt"), "hello, world\n");
        Files.writeString(root.resolve("style.css"), "body{}");
        Files.writeString(root.resolve(".hidden"), "hidden dot-file");
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/index.html"), "<h1>docs</h1>");
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve("empty/a&b <c>.txt"), "x");
        Files.writeString(root.resolve("%2e%2e"), "literal name, not a dot segment");
        large = new byte[LARGE_SIZE];
        new Random(7).nextBytes(large);
        Files.write(root.resolve("large.bin"), large);
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("escape.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("inside.txt"), root.resolve("hello.txt"));
        Map<String, String> all = new TreeMap<>(settings);
        all.putIfAbsent("root", "'" + root + "'");
        StringBuilder service = new StringBuilder();
        all.forEach((key, value) -> service.append("    ").append(key).append(": ").append(value).append('\n'));
        // Its own daemon section, for the 3 s grace DrainTest relies on; bind and plugins as the testkit's.
        daemon = TestDaemon.withConfig("""
                daemon:
                  bind: 127.0.0.1
                  plugins: '${plugins}'
                  shutdown-grace: 3s
                defaults:
                  idle-timeout: 30s
                  max-connections-per-ip: 500
                services:
                  http:
                    port: 0
                """ + service).start();
    }

    TestSite(Path tmp) throws Exception {
        this(tmp, Map.of());
    }

    int port() {
        return daemon.port("http");
    }

    TestDaemon daemon() {
        return daemon;
    }

    static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        daemon.close();
    }
}
