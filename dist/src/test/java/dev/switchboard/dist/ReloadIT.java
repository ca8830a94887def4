package dev.switchboard.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloading the packaged daemon the way an admin does: edit the file, drop a plugin JAR in, then
 * {@code kill -HUP} or {@code bin/switchboard reload --pid-file}. An echo client connected before the
 * reloads keeps echoing through all of them.
 */
@Timeout(180)
class ReloadIT {

    private static final Pattern ADDED = Pattern.compile("service (\\S+) added: .* listening on [^ ]+:(\\d+)");

    @TempDir
    Path tmp;

    @Test
    void reloadsKeepEchoClientsAddRemoveServicesPickUpANewPluginAndSurviveABrokenFile() throws Exception {
        try (DistributionDaemon daemon = DistributionDaemon.install(tmp)) {
            // The time plugin starts outside the plugins directory: the reload must pick it up.
            Path timeJar;
            try (Stream<Path> jars = Files.list(daemon.home().resolve("plugins"))) {
                timeJar = jars.filter(p -> p.getFileName().toString().contains("plugin-time")).findFirst().orElseThrow();
            }
            Path parked = Files.move(timeJar, tmp.resolve(timeJar.getFileName()));
            daemon.writeConfig("""
                    daemon: {bind: 127.0.0.1, shutdown-grace: 1s}
                    services:
                      echo: {port: 0}
                      old-echo: {protocol: echo, port: 0}
                    """);
            Path pidFile = daemon.home().resolve("switchboard.pid");
            daemon.start("--pid-file", pidFile.toString());
            assertEquals(daemon.process().pid() + "\n", Files.readString(pidFile), "the pid file names the JVM");
            int oldEchoPort = daemon.port("old-echo");

            try (EchoClient client = new EchoClient(daemon.port("echo"))) {
                assertEquals("before", client.echo("before"));

                Files.move(parked, timeJar);
                daemon.writeConfig("""
                        daemon: {bind: 127.0.0.1, shutdown-grace: 1s}
                        services:
                          echo: {port: 0}
                          daytime: {protocol: time, port: 0, format: iso8601}
                        """);
                daemon.hangup();
                String reloaded = daemon.awaitReload("reload done", 1);
                assertTrue(reloaded.contains("reload: plugin time 0.1.0 added from " + timeJar.getFileName()), reloaded);
                assertTrue(reloaded.contains("reload: service echo unchanged: its socket and 1 connected clients"), reloaded);
                assertTrue(reloaded.contains("reload: service old-echo removed"), reloaded);
                assertEquals("through the reload", client.echo("through the reload"));

                Matcher added = ADDED.matcher(reloaded);
                assertTrue(added.find() && added.group(1).equals("daytime"), reloaded);
                Instant line = Instant.parse(firstLine(Integer.parseInt(added.group(2))).strip());
                assertTrue(Duration.between(line, Instant.now()).abs().toSeconds() < 5, line.toString());
                assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), oldEchoPort).close(),
                        "the removed service accepts no new client");

                // A broken file: refused by 'reload' itself, and by the daemon when signalled anyway.
                daemon.writeConfig("daemon: {bind: 127.0.0.1}\nservices:\n  echo: {port: 0, buffr: 1KiB}\n");
                DistributionDaemon.Result refused = daemon.run("reload", "--pid-file", pidFile.toString());
                assertEquals(2, refused.exitCode(), refused.output());
                assertTrue(refused.output().contains("services.echo.buffr: unknown key (did you mean 'buffer'?)"),
                        refused.output());
                daemon.hangup();
                String afterBroken = daemon.awaitReload("reload refused", 1);
                assertTrue(afterBroken.contains("conf/switchboard.yml:3: services.echo.buffr: unknown key"), afterBroken);
                assertEquals("unharmed", client.echo("unharmed"));
                assertTrue(firstLine(Integer.parseInt(added.group(2))).endsWith("Z\r\n"), "daytime still runs");

                // Fixed again, applied through the reload command.
                daemon.writeConfig("""
                        daemon: {bind: 127.0.0.1, shutdown-grace: 1s}
                        services:
                          echo: {port: 0}
                        """);
                DistributionDaemon.Result sent = daemon.run("reload", "--pid-file", pidFile.toString());
                assertEquals(0, sent.exitCode(), sent.output());
                assertTrue(sent.output().contains("asked switchboard (pid " + daemon.process().pid() + ") to reload"),
                        sent.output());
                String third = daemon.awaitReload("reload done", 2);
                assertTrue(third.contains("reload: service daytime removed"), third);
                assertEquals("still the same connection", client.echo("still the same connection"));
            }
            assertEquals(0, daemon.stop(), daemon.output());
            assertFalse(Files.exists(pidFile), "the pid file is removed on exit");
        }
    }

    @Test
    void underNohupTheDaemonWarnsThatItCannotReloadAndReloadRefusesToSignalIt() throws Exception {
        try (DistributionDaemon daemon = DistributionDaemon.install(tmp).wrappedIn("nohup")) {
            daemon.writeConfig("daemon: {bind: 127.0.0.1, shutdown-grace: 1s}\nservices:\n  echo: {port: 0}\n");
            Path pidFile = daemon.home().resolve("switchboard.pid");
            daemon.start("--pid-file", pidFile.toString());
            assertTrue(daemon.output().contains("WARN") && daemon.output().contains("SIGHUP is ignored by this process"),
                    daemon.output());

            DistributionDaemon.Result refused = daemon.run("reload", "--pid-file", pidFile.toString());
            assertEquals(5, refused.exitCode(), refused.output());
            assertTrue(refused.output().contains("pid " + daemon.process().pid() + " would not reload: SIGHUP is ignored"),
                    refused.output());
            try (EchoClient client = new EchoClient(daemon.port("echo"))) {
                assertEquals("still serving", client.echo("still serving"));
            }
            assertEquals(0, daemon.stop(), daemon.output());
        }
    }

    @Test
    void reloadWithoutARunningDaemonSaysSo() throws Exception {
        try (DistributionDaemon daemon = DistributionDaemon.install(tmp)) {
            Path pidFile = Files.writeString(tmp.resolve("stale.pid"), "999999999\n");
            DistributionDaemon.Result result = daemon.run("reload", "--pid-file", pidFile.toString());
            assertEquals(5, result.exitCode(), result.output());
            assertTrue(result.output().contains("no process 999999999"), result.output());
            DistributionDaemon.Result noPidFile = daemon.run("reload");
            assertEquals(64, noPidFile.exitCode(), noPidFile.output());
            assertTrue(noPidFile.output().contains("systemctl reload switchboard"), noPidFile.output());
        }
    }

    private static String firstLine(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
