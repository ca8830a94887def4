package dev.switchboard.plugins.netinfo;

import java.nio.file.Path;

/**
 * Runs inside a network namespace ({@code ip netns exec}) for {@link NetworkNamespaceTest}: starts the
 * daemon there with the given resolver file, asks netinfo for {@code json} over loopback, prints the
 * answer and stops the daemon.
 */
public final class NamespaceChild {

    private NamespaceChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path resolvConf = dir.resolve("resolv.conf");
        String settings = """
                    resolv-conf: %s
                    resolved-conf: %s
                """.formatted(resolvConf, dir.resolve("no-resolved.conf"));
        try (LocalDaemon daemon = new LocalDaemon(settings)) {
            System.out.print(daemon.ask("json\r\n"));
        }
    }
}
