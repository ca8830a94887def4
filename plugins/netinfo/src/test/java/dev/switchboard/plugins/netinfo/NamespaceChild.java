package dev.switchboard.plugins.netinfo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs inside a network namespace ({@code ip netns exec}) for {@link NetworkNamespaceTest}: reports
 * that namespace's network with a given resolver file and prints the JSON answer.
 */
public final class NamespaceChild {

    private NamespaceChild() {
    }

    public static void main(String[] args) {
        Path resolvConf = Path.of(args[0]);
        Sources sources = new Sources(Sources.LINUX.sysfs(), Sources.LINUX.procfs(), resolvConf,
                resolvConf.resolveSibling("no-resolved.conf"));
        System.out.print(new NetinfoHandler(sources, Duration.ofSeconds(5)).answer("json"));
    }
}
