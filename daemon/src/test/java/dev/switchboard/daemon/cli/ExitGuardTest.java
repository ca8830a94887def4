package dev.switchboard.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.daemon.testing.ChildDaemon;
import dev.switchboard.daemon.testing.PluginJars;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @TempDir
    Path home;
    private Path pidFile;

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
    }

    @Test
    void aPluginsSystemExitIsLoggedWithItsClassRemovesThePidFileAndExitsWithFour() throws Exception {
        String output;
        int exit;
        try (ChildDaemon daemon = start();
             Socket client = new Socket(InetAddress.getLoopbackAddress(), daemon.port("exiter"))) {
            OutputStream out = client.getOutputStream();
            out.write('x');
            out.flush();
            assertTrue(daemon.waitFor(60), "the daemon did not exit:\n" + daemon.output());
            output = daemon.output();
            exit = daemon.exitValue();
        }
        assertEquals(ExitGuard.PLUGIN_EXIT, exit, output);
        // On Java 21+ handlers run on virtual threads, whose stacks a shutdown hook cannot read.
        String caller = Runtime.version().feature() >= 21 ? "System.exit called by code on a virtual thread"
                : "System.exit called by testplugins.exiter.ExitProtocol";
        assertTrue(output.contains(caller), output);
        assertTrue(output.contains("not by the daemon: exiting with code 4"), output);
        assertFalse(Files.exists(pidFile), "the pid file is removed");
    }

    @Test
    void aStopBySigtermIsStillAnOrdinaryExit() throws Exception {
        try (ChildDaemon daemon = start()) {
            daemon.stopBySigterm();
            assertFalse(daemon.output().contains("System.exit called by"), daemon.output());
        }
        assertFalse(Files.exists(pidFile), "the pid file is removed");
    }

    private ChildDaemon start() throws IOException {
        ChildDaemon daemon = ChildDaemon.start(home, home.resolve("switchboard.yml"), "--pid-file", pidFile.toString());
        daemon.awaitReady();
        return daemon;
    }
}
