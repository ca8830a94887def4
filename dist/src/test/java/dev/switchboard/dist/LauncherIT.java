package dev.switchboard.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The packaged distribution, started through bin/switchboard as its own process. */
@Timeout(120)
class LauncherIT {

    private static final String TWO_ECHOES = """
            daemon:
              bind: 127.0.0.1
              shutdown-grace: 3s
            services:
              echo:
                port: 0
              echo2:
                protocol: echo
                port: 0
            """;

    @TempDir
    Path tmp;

    @Test
    void servesEchoAndStopsCleanlyOnSigterm() throws Exception {
        try (DistributionDaemon daemon = DistributionDaemon.install(tmp)) {
            daemon.writeConfig(TWO_ECHOES);
            daemon.start();
            assertEquals("hello, switchboard\r\n", echo(daemon.port("echo"), "hello, switchboard\r\n"));
            assertEquals("second service\n", echo(daemon.port("echo2"), "second service\n"));

            assertEquals(0, daemon.stop(), daemon.output());
            assertTrue(daemon.output().contains("SIGTERM received"), daemon.output());
            assertTrue(daemon.output().strip().matches("(?s).*stopped after \\d+ ms"), daemon.output());
            String logFile = Files.readString(daemon.home().resolve("logs/switchboard.log"));
            assertTrue(logFile.contains("ready: 2 of 2 services running"), logFile);
        }
    }

    @Test
    void withoutTheEchoPluginReportsNoProviderAndStillServesTheOthers() throws Exception {
        try (DistributionDaemon daemon = DistributionDaemon.install(tmp)) {
            try (Stream<Path> jars = Files.list(daemon.home().resolve("plugins"))) {
                for (Path jar : jars.filter(p -> p.getFileName().toString().contains("echo")).toList()) {
                    Files.move(jar, tmp.resolve(jar.getFileName()));
                }
            }
            // A second plugin directory holds the echo JAR under another protocol name's service;
            // the service naming the missing protocol must fail alone.
            Files.createDirectories(tmp.resolve("more-plugins"));
            try (Stream<Path> jars = Files.list(tmp)) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                    Files.move(jar, tmp.resolve("more-plugins").resolve(jar.getFileName()));
                }
            }
            daemon.writeConfig("""
                    daemon:
                      bind: 127.0.0.1
                      plugins: [plugins, %s]
                    services:
                      ping:
                        protocol: echo
                        port: 0
                      gopher:
                        port: 0
                    """.formatted(tmp.resolve("more-plugins")));
            daemon.start();
            String out = daemon.output();
            assertTrue(out.contains("gopher") && out.contains("no plugin provides protocol 'gopher'"), out);
            assertTrue(out.contains("ready: 1 of 2 services running"), out);
            assertEquals("still here\n", echo(daemon.port("ping"), "still here\n"));
            assertEquals(0, daemon.stop());
        }
    }

    @Test
    void withNoPluginAtAllExitsWithNoServiceStarted() throws Exception {
        try (DistributionDaemon daemon = DistributionDaemon.install(tmp)) {
            try (Stream<Path> jars = Files.list(daemon.home().resolve("plugins"))) {
                for (Path jar : jars.toList()) {
                    Files.delete(jar);
                }
            }
            daemon.writeConfig(TWO_ECHOES);
            daemon.start();
            assertEquals(5, daemon.awaitExit(), daemon.output());
            assertTrue(daemon.output().contains("no plugin provides protocol 'echo'"), daemon.output());
            assertTrue(daemon.output().contains("no service could start"), daemon.output());
        }
    }

    @Test
    void checkPrintsEachProblemWithFileLineAndKeyAndExitsTwo() throws Exception {
        try (DistributionDaemon daemon = DistributionDaemon.install(tmp)) {
            daemon.writeConfig("""
                    daemon:
                      bind: 127.0.0.1
                    services:
                      echo:
                        port: 70000
                      other:
                        protocol: echo
                        port: 7
                        max-conections: 3
                    """);
            DistributionDaemon.Result result = daemon.run("check");
            assertEquals(2, result.exitCode(), result.output());
            assertTrue(result.output().contains(
                    "conf/switchboard.yml:5: services.echo.port: 70000 is not a port (1-65535"), result.output());
            assertTrue(result.output().contains("conf/switchboard.yml:9: services.other.max-conections: unknown key "
                    + "(did you mean 'max-connections'?)"), result.output());
        }
    }

    @Test
    void checkAcceptsTheShippedConfigurationAndRunRefusesABrokenOneWithExitTwo() throws Exception {
        try (DistributionDaemon daemon = DistributionDaemon.install(tmp)) {
            DistributionDaemon.Result check = daemon.run("check");
            assertEquals(0, check.exitCode(), check.output());
            assertTrue(check.output().contains("conf/switchboard.yml: OK"), check.output());

            daemon.writeConfig("services: [echo\n");
            daemon.start();
            assertEquals(2, daemon.awaitExit(), daemon.output());
            assertTrue(daemon.output().contains("conf/switchboard.yml:2: YAML syntax error"), daemon.output());
        }
    }

    @Test
    void pluginsAndVersionDescribeTheInstall() throws Exception {
        try (DistributionDaemon daemon = DistributionDaemon.install(tmp)) {
            DistributionDaemon.Result plugins = daemon.run("plugins");
            assertEquals(0, plugins.exitCode(), plugins.output());
            assertTrue(plugins.output().matches("(?s).*echo\\s+0\\.1\\.0\\s+protocols: echo.*"), plugins.output());
            DistributionDaemon.Result version = daemon.run("version");
            assertEquals(0, version.exitCode());
            assertTrue(version.output().startsWith("Switchboard 0.1.0"), version.output());
        }
    }

    /** Sends the text to an echo service and asserts it comes back; also used by {@link DebPackageIT}. */
    static String echo(int port, String text) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] back = in.readNBytes(bytes.length);
            assertArrayEquals(bytes, back);
            return new String(back, StandardCharsets.UTF_8);
        }
    }
}
