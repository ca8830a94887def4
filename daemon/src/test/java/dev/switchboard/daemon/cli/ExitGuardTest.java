package dev.switchboard.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.daemon.testing.PluginJars;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin that calls System.exit, loaded from its JAR by a daemon in a JVM of its own (started as the
 * launcher starts it, with the shipped log4j2.xml): the exit is logged with the plugin's class, the pid
 * file goes, and the exit code is 4. A SIGTERM stop is still an ordinary exit 0.
 */
@Timeout(180)
class ExitGuardTest {

    private static final Pattern LISTENING = Pattern.compile("(\\S+)\\s+protocol .* listening on \\S+:(\\d+)");

    @TempDir
    Path home;
    private Path pidFile;
    private Path console;

    @BeforeEach
    void install() throws IOException {
        PluginJars.build("exiter", "test-exiter", "1.0.0", ">=0.1.0", Files.createDirectories(home.resolve("build")),
                Files.createDirectories(home.resolve("plugins")).resolve("exiter-1.0.0.jar"));
        Files.writeString(home.resolve("switchboard.yml"), """
                daemon: {bind: 127.0.0.1, shutdown-grace: 1s}
                services:
                  exiter: {port: 0}
                """);
        pidFile = home.resolve("switchboard.pid");
        console = home.resolve("console.log");
    }

    @Test
    void aPluginsSystemExitIsLoggedWithItsClassRemovesThePidFileAndExitsWithFour() throws Exception {
        Process daemon = start();
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port(daemon))) {
            OutputStream out = client.getOutputStream();
            out.write('x');
            out.flush();
            assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "the daemon did not exit:\n" + output());
        } finally {
            daemon.destroyForcibly();
        }
        String output = output();
        assertEquals(ExitGuard.PLUGIN_EXIT, daemon.exitValue(), output);
        // On Java 21+ handlers run on virtual threads, whose stacks a shutdown hook cannot read.
        String caller = Runtime.version().feature() >= 21 ? "System.exit called by code on a virtual thread"
                : "System.exit called by testplugins.exiter.ExitProtocol";
        assertTrue(output.contains(caller), output);
        assertTrue(output.contains("not by the daemon: exiting with code 4"), output);
        assertFalse(Files.exists(pidFile), "the pid file is removed");
    }

    @Test
    void aStopBySigtermIsStillAnOrdinaryExit() throws Exception {
        Process daemon = start();
        port(daemon);
        daemon.destroy(); // SIGTERM
        try {
            assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "the daemon did not stop:\n" + output());
        } finally {
            daemon.destroyForcibly();
        }
        assertEquals(0, daemon.exitValue(), output());
        assertFalse(output().contains("System.exit called by"), output());
        assertFalse(Files.exists(pidFile), "the pid file is removed");
    }

    private Process start() throws IOException {
        Path log4j = Path.of("../conf/log4j2.xml").toAbsolutePath().normalize();
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dswitchboard.home=" + home, "-Dlog4j2.configurationFile=" + log4j,
                "-Dswitchboard.logs=" + home.resolve("logs"),
                "dev.switchboard.daemon.Main", "run", "--config", home.resolve("switchboard.yml").toString(),
                "--pid-file", pidFile.toString())
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(console.toFile()).start();
    }

    /** Waits for the exiter service to listen; its port. */
    private int port(Process daemon) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            String output = output();
            Matcher m = LISTENING.matcher(output);
            if (output.contains(" ready: ") && m.find()) {
                return Integer.parseInt(m.group(2));
            }
            if (!daemon.isAlive()) {
                fail("the daemon exited with " + daemon.exitValue() + ":\n" + output);
            }
            daemon.waitFor(100, TimeUnit.MILLISECONDS);
        }
        daemon.destroyForcibly();
        return fail("not ready within 90 s:\n" + output());
    }

    private String output() throws IOException {
        return Files.exists(console) ? Files.readString(console, StandardCharsets.UTF_8) : "";
    }
}
