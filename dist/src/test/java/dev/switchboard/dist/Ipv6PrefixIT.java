package dev.switchboard.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-IP limits count an IPv6 client by its {@code ipv6-prefix} (issue 14): the packaged daemon runs
 * in a network namespace the test creates, whose loopback holds addresses of two /64s, and real
 * {@code nc} clients connect from chosen source addresses. Two addresses of one /64 share a count,
 * two /64s do not, {@code ipv6-prefix: 128} counts every address on its own, and the log names the full
 * address and the network counted. Needs root and {@code ip netns} (iproute2); skipped otherwise. The
 * namespace is deleted after each test, whatever happened.
 */
@Timeout(120)
class Ipv6PrefixIT {

    private static final String A1 = "2001:db8:1:1::a";
    private static final String B1 = "2001:db8:1:1::b";
    private static final String A2 = "2001:db8:1:2::a";

    @TempDir
    Path tmp;

    private final String namespace = "switchboard-it-" + ProcessHandle.current().pid();
    private final List<Netcat> clients = new ArrayList<>();
    private boolean created;

    @BeforeEach
    void namespace() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create a network namespace");
        assumeTrue(Command.exists("ip"), "ip (iproute2) is not installed");
        assumeTrue(Netcat.available(), "nc (netcat-openbsd) is not installed");
        Command add = Command.run("ip", "netns", "add", namespace);
        assumeTrue(add.exitCode() == 0, () -> "cannot create a network namespace here: " + add.output().strip());
        created = true;
        ip("link", "set", "lo", "up");
        // On lo rather than a dummy interface: the dummy module is missing from many CI kernels. nodad:
        // usable at once, not tentative for a second of duplicate address detection.
        for (String address : List.of(A1, B1, A2)) {
            ip("-6", "addr", "add", address + "/64", "dev", "lo", "nodad");
        }
    }

    @AfterEach
    void deleteNamespace() throws Exception {
        for (Netcat client : clients) {
            client.close();
        }
        if (created) {
            Command del = Command.run("ip", "netns", "delete", namespace);
            assertEquals(0, del.exitCode(), del.output());
        }
    }

    @Test
    void addressesOfOneSlash64ShareACountAndTwoSlash64sDoNot() throws Exception {
        try (DistributionDaemon daemon = DistributionDaemon.install(tmp)) {
            daemon.writeConfig("""
                    daemon:
                      bind: "::"
                      shutdown-grace: 1s
                    services:
                      echo:  {port: 0, max-connections-per-ip: 1, busy-message: busy}
                      exact: {protocol: echo, port: 0, max-connections-per-ip: 1, ipv6-prefix: 128, busy-message: busy}
                    """);
            daemon.wrappedIn("ip", "netns", "exec", namespace).start();
            assertTrue(daemon.output().contains("ready: 2 of 2 services running"), daemon.output());
            int echo = daemon.port("echo");
            int exact = daemon.port("exact");

            Netcat first = admitted(A1, echo, "first in 2001:db8:1:1::/64");
            refused(B1, echo);
            admitted(A2, echo, "the other /64 has a count of its own");
            String line = "echo: refused " + B1 + " (counted as 2001:db8:1:1::/64): per-address connection limit (1)"
                    + " reached by 2001:db8:1:1::/64";
            daemon.awaitOutput(line);

            clients.remove(first);
            first.close(); // nc ends, and the kernel closes its connection
            admittedOnceFreed(B1, echo, daemon);

            admitted(A1, exact, "128: every address is its own client");
            admitted(B1, exact, "128: the next address too");
            refused(A1, exact);
            daemon.awaitOutput("exact: refused " + A1 + ": per-address connection limit (1) reached by this address");
        }
    }

    /** Connects from {@code source}, and the service echoes: it was admitted (and stays connected). */
    private Netcat admitted(String source, int port, String line) throws Exception {
        Netcat client = connect(source, port);
        client.send(line);
        client.await(line);
        return client;
    }

    /** Connects from {@code source}, and the service answers only its busy message. */
    private void refused(String source, int port) throws Exception {
        connect(source, port).await("busy");
    }

    /** The count is given back when the connection closes, which the daemon notices shortly after. */
    private void admittedOnceFreed(String source, int port, DistributionDaemon daemon) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Netcat client = connect(source, port);
            client.send("freed");
            try {
                client.await("freed");
                return;
            } catch (AssertionError stillCounted) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the /64's count was not given back:\n" + daemon.output(), stillCounted);
                }
                clients.remove(client);
                client.close();
                Thread.sleep(200);
            }
        }
    }

    private Netcat connect(String source, int port) throws Exception {
        Netcat client = Netcat.run(List.of("ip", "netns", "exec", namespace, "nc", "-s", source, A1,
                Integer.toString(port)));
        clients.add(client);
        return client;
    }

    private void ip(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip", "-n", namespace));
        command.addAll(List.of(args));
        Command run = Command.run(command);
        assertEquals(0, run.exitCode(), String.join(" ", command) + ": " + run.output());
    }
}
