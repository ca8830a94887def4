package dev.switchboard.plugins.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * A web root in a temp directory with known files, a secret outside it, and a running http service
 * serving it on a loopback port.
 */
final class TestSite implements AutoCloseable {

    /** Appears in the secret file outside the root and nowhere inside it. */
    static final String SECRET = "TOP-SECRET-d41d8cd98f00b204";
    static final int LARGE_SIZE = 3 * 1024 * 1024 + 17;

    final Path base;
    final Path root;
    final Path outside;
    final byte[] large;
    private final MiniHost host;

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
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent("root", root.toString());
        host = new MiniHost(all);
    }

    TestSite(Path tmp) throws Exception {
        this(tmp, Map.of());
    }

    int port() throws IOException {
        return host.port();
    }

    long activeConnections() {
        return host.active();
    }

    void drainAndStop(java.time.Duration grace) throws Exception {
        host.drainAndStop(grace);
    }

    static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws Exception {
        host.close();
    }
}
