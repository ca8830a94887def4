package dev.switchboard.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped time, echo and netinfo plugins in the packaged daemon, asked by the real clients the README
 * shows: Debian's {@code rdate} and OpenBSD {@code nc}, over TCP and over UDP ({@code rdate -u},
 * {@code nc -u}). On CI both must be installed ({@code apt-get install -y rdate netcat-openbsd});
 * elsewhere a missing one skips its test.
 */
@Timeout(120)
class TimeAndNetinfoIT {

    @TempDir
    static Path tmp;
    static DistributionDaemon daemon;

    @BeforeAll
    static void start() throws Exception {
        daemon = DistributionDaemon.install(tmp);
        daemon.writeConfig("""
                daemon:
                  bind: 127.0.0.1
                  shutdown-grace: 2s
                services:
                  daytime: { protocol: time, port: 0, format: daytime }
                  time:    { port: 0 }
                  netinfo: { port: 0 }
                  time-udp: { protocol: time, port: 0, transport: udp }
                  daytime-both: { protocol: time, port: 0, format: daytime, transport: both }
                  echo-both: { protocol: echo, port: 0, transport: both }
                """);
        daemon.start();
    }

    @AfterAll
    static void stop() throws Exception {
        daemon.close();
    }

    @Test
    void rdatePrintsTheTimeTheDaemonSends() throws Exception {
        assertRdatePrintsTheTime("-p", "-o", Integer.toString(daemon.port("time")), "127.0.0.1");
    }

    @Test
    void rdateOverUdpPrintsTheTimeTheDaemonSends() throws Exception {
        assertRdatePrintsTheTime("-u", "-p", "-o", Integer.toString(daemon.port("time-udp")), "127.0.0.1");
    }

    private static void assertRdatePrintsTheTime(String... arguments) throws Exception {
        require("rdate", "rdate");
        long before = Instant.now().getEpochSecond();
        List<String> command = new java.util.ArrayList<>(List.of("rdate"));
        command.addAll(List.of(arguments));
        String out = run(command, "");
        long after = Instant.now().getEpochSecond();
        // "Wed Nov 25 14:32:55 UTC 2026", as rdate prints it with TZ=UTC
        long printed = ZonedDateTime.parse(out.strip().replaceAll(" +", " "),
                DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss zzz uuuu", Locale.US)).toEpochSecond();
        assertTrue(before - 1 <= printed && printed <= after + 1, out + " vs " + before + ".." + after);
    }

    @Test
    void ncShowsTheDaytimeLine() throws Exception {
        require("nc", "netcat-openbsd");
        long before = Instant.now().getEpochSecond();
        String out = run(List.of("nc", "127.0.0.1", Integer.toString(daemon.port("daytime"))), "");
        assertTrue(out.endsWith("-UTC\r\n"), out);
        long printed = ZonedDateTime.parse(out.strip().replace("-UTC", ""),
                DateTimeFormatter.ofPattern("EEEE, MMMM d, uuuu HH:mm:ss", Locale.US).withZone(ZoneOffset.UTC))
                .toEpochSecond();
        assertTrue(Math.abs(printed - before) <= 2, out);
    }

    @Test
    void ncWithAnEmptyLineShowsTheNetworkReport() throws Exception {
        require("nc", "netcat-openbsd");
        String out = run(List.of("nc", "127.0.0.1", Integer.toString(daemon.port("netinfo"))), "\r\n");
        assertTrue(out.startsWith("host "), out);
        assertTrue(out.contains("\r\nlo: index 1 flags=<UP,LOOPBACK,RUNNING> mtu "), out);
        assertTrue(out.contains("        inet 127.0.0.1/8 netmask 255.0.0.0\r\n"), out);
        String one = run(List.of("nc", "127.0.0.1", Integer.toString(daemon.port("netinfo"))), "nosuch0\n");
        assertTrue(one.startsWith("error: no interface 'nosuch0'; known: "), one);
    }

    @Test
    void ncOverUdpGetsItsDatagramEchoedAndTheDaytimeOnTheSamePortNumberAsTcp() throws Exception {
        require("nc", "netcat-openbsd");
        String echoed = run(List.of("nc", "-u", "-w", "1", "127.0.0.1", Integer.toString(daemon.port("echo-both"))),
                "one datagram\n");
        assertEquals("one datagram\n", echoed);
        String port = Integer.toString(daemon.port("daytime-both"));
        String udp = run(List.of("nc", "-u", "-w", "1", "127.0.0.1", port), "\n");
        String tcp = run(List.of("nc", "127.0.0.1", port), "");
        assertTrue(udp.endsWith("-UTC\r\n") && tcp.endsWith("-UTC\r\n"), udp + " / " + tcp);
    }

    /** Required on CI (the CI variable is set), skipped with the package to install elsewhere. */
    private static void require(String command, String debianPackage) {
        boolean found = List.of("/usr/bin/", "/usr/sbin/", "/bin/", "/sbin/").stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir + command)));
        String advice = command + " is needed for this test: apt-get install -y " + debianPackage;
        if (System.getenv("CI") != null) {
            assertTrue(found, advice);
        }
        assumeTrue(found, advice);
    }

    /** Runs a client with TZ=UTC, feeding it {@code input}; returns its output once it exits (at most 10 s). */
    private static String run(List<String> command, String input) throws IOException, InterruptedException {
        Path in = Files.writeString(Files.createTempFile(tmp, "client", ".in"), input, StandardCharsets.US_ASCII);
        Path out = Files.createTempFile(tmp, "client", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(in.toFile()).redirectOutput(out.toFile());
        builder.environment().put("TZ", "UTC");
        builder.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        Process process = builder.start();
        try {
            boolean exited = process.waitFor(10, TimeUnit.SECONDS);
            String output = Files.readString(out, StandardCharsets.UTF_8);
            assertTrue(exited, command + " did not finish in 10 s: " + output);
            assertEquals(0, process.exitValue(), command + " failed: " + output);
            return output;
        } finally {
            process.destroyForcibly();
        }
    }
}
