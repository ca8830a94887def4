package dev.switchboard.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged daemon under the systemd unit's own restrictions ({@link UnitSandbox}: its system call
 * allow list with every other call fatal, its capabilities, no new privileges, /proc with hidepid) as an
 * unprivileged user, serving echo on a port below 1024, http and netinfo over loopback, reloading and
 * stopping cleanly. Shows, too, why the unit leaves out {@code ProcSubset=pid}. Skipped, with the reason,
 * where the sandbox cannot be applied (not root, no util-linux, systemd-analyze, python3 or libseccomp).
 */
@Timeout(240)
class HardenedRunIT {

    /** The capability set of a process holding only CAP_NET_BIND_SERVICE (bit 10), as /proc shows it. */
    private static final String ONLY_NET_BIND_SERVICE = "0000000000000400";

    @TempDir
    Path tmp;

    private UnitSandbox sandbox;

    @BeforeEach
    void sandbox() throws Exception {
        // The daemon runs as nobody: it must reach its files through the temporary directory.
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        sandbox = new UnitSandbox(Path.of(System.getProperty("switchboard.unit")), tmp);
        Optional<String> unavailable = sandbox.unavailable();
        assumeTrue(unavailable.isEmpty(), () -> unavailable.get());
    }

    @Test
    void daemonServesEchoHttpAndNetinfoUnderTheUnitsRestrictions() throws Exception {
        int low = freeLowPort();
        try (DistributionDaemon daemon = install(low, false)) {
            String out = daemon.output();
            assertTrue(out.contains("ready: 3 of 3 services running"), out);
            long pid = daemon.process().pid();
            String status = Files.readString(Path.of("/proc/" + pid + "/status"));
            for (String expected : List.of("Uid:\t" + UnitSandbox.NOBODY + "\t", "NoNewPrivs:\t1", "Seccomp:\t2",
                    "CapEff:\t" + ONLY_NET_BIND_SERVICE, "CapBnd:\t" + ONLY_NET_BIND_SERVICE,
                    "CapAmb:\t" + ONLY_NET_BIND_SERVICE)) {
                assertTrue(status.contains(expected), "the JVM itself runs restricted (" + expected + "):\n" + status);
            }
            String mounts = Files.readString(Path.of("/proc/" + pid + "/mountinfo"));
            assertTrue(mounts.lines().anyMatch(l -> l.contains(" /proc ") && l.endsWith("hidepid=invisible")), mounts);

            assertEquals(low, daemon.port("echo"));
            assertEquals("under seccomp\n", LauncherIT.echo(low, "under seccomp\n"));
            HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + daemon.port("http") + "/hello.txt")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertEquals("hello from a sandbox\n", page.body());

            String netinfo = netinfo(daemon.port("netinfo"));
            assertTrue(netinfo.contains("        inet 127.0.0.1/8 netmask 255.0.0.0\r\n"), netinfo);
            if (hostHasIpv6Loopback()) {
                assertTrue(netinfo.contains("        inet6 ::1/128"), "the JDK reads /proc/net/if_inet6:\n" + netinfo);
            }
            if (hostHasDefaultRoute()) {
                assertFalse(netinfo.contains("gateway none"), "netinfo reads /proc/net/route:\n" + netinfo);
            }

            daemon.hangup();
            daemon.awaitReload("reload done: 3 of 3 services running", 1);
            assertEquals("after reload\n", LauncherIT.echo(low, "after reload\n"));
            // Every call was allowed: one outside the list would have killed the JVM (SIGSYS, exit 159).
            assertEquals(0, daemon.stop(), daemon.output());
        }
    }

    /** Why the unit has no ProcSubset=pid: /proc/net goes, and with it the IPv6 addresses the JDK lists. */
    @Test
    void procSubsetPidWouldHideTheIpv6AddressesFromNetinfo() throws Exception {
        assumeTrue(hostHasIpv6Loopback(), "the host's lo has no ::1 to lose");
        try (DistributionDaemon daemon = install(0, true)) {
            String netinfo = netinfo(daemon.port("netinfo"));
            assertTrue(netinfo.contains("        inet 127.0.0.1/8 netmask 255.0.0.0\r\n"), netinfo);
            assertFalse(netinfo.contains("inet6 "), "subset=pid hides /proc/net/if_inet6:\n" + netinfo);
            assertEquals(0, daemon.stop(), daemon.output());
        }
    }

    private DistributionDaemon install(int echoPort, boolean procSubsetPid) throws Exception {
        Path www = Files.createDirectories(tmp.resolve("www"));
        Files.writeString(www.resolve("hello.txt"), "hello from a sandbox\n");
        DistributionDaemon daemon = DistributionDaemon.install(tmp);
        daemon.writeConfig("""
                daemon:
                  bind: 127.0.0.1
                  shutdown-grace: 1s
                services:
                  echo: {port: %d}
                  http: {port: 0, root: %s}
                  netinfo: {port: 0}
                """.formatted(echoPort, www));
        Command chown = Command.run("chown", "-R", UnitSandbox.NOBODY + ":" + UnitSandbox.NOBODY,
                daemon.home().toString(), www.toString());
        assertEquals(0, chown.exitCode(), chown.output());
        daemon.wrappedIn(sandbox.wrapper(procSubsetPid).toArray(String[]::new)).start();
        assertTrue(daemon.process().isAlive(), "the daemon did not start under the sandbox:\n" + daemon.output());
        return daemon;
    }

    /** A port below 1024 that nothing listens on now (another program may take it before the daemon). */
    private static int freeLowPort() throws IOException {
        for (int port = 990; port > 700; port--) {
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                return port;
            } catch (IOException taken) {
                // try the next one
            }
        }
        throw new IOException("no free port between 701 and 990");
    }

    private static String netinfo(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
        }
    }

    private static boolean hostHasIpv6Loopback() throws IOException {
        Path inet6 = Path.of("/proc/net/if_inet6");
        return Files.exists(inet6) && Files.readAllLines(inet6).stream()
                .anyMatch(l -> l.startsWith("00000000000000000000000000000001 "));
    }

    private static boolean hostHasDefaultRoute() throws IOException {
        Path route = Path.of("/proc/net/route");
        return Files.exists(route) && Files.readAllLines(route).stream().skip(1)
                .map(l -> l.trim().split("\\s+")).anyMatch(f -> f.length > 2 && f[1].equals("00000000"));
    }
}
