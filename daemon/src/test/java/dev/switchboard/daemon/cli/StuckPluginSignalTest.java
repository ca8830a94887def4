package dev.switchboard.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.daemon.testing.ChildDaemon;
import dev.switchboard.daemon.testing.PluginJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon in a JVM of its own, started as the launcher starts it, with a faulty plugin JAR whose
 * {@code open} or {@code drain} takes 60 s and ignores interrupts: SIGTERM still stops it promptly and
 * with exit code 0, both while a SIGHUP reload waits in {@code open} and while the plugin hangs in
 * {@code drain}. Before the deadlines, each waited the full 60 s (issue 11 finding 2).
 */
@Timeout(240)
class StuckPluginSignalTest {

    /** Far below the 60 s the plugin hangs, far above what a loaded machine needs to stop. */
    private static final long STOP_MILLIS = 15_000;

    @TempDir
    Path home;
    private Path config;
    private ChildDaemon daemon;

    @BeforeEach
    void install() throws IOException {
        PluginJars.build("hanger", "test-hanger", "1.0.0", ">=0.1.0", Files.createDirectories(home.resolve("build")),
                Files.createDirectories(home.resolve("plugins")).resolve("hanger-1.0.0.jar"));
        config = home.resolve("switchboard.yml");
    }

    @AfterEach
    void kill() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void sigtermDuringAReloadStuckInOpenStopsAtOnce() throws Exception {
        String before = """
                daemon: {bind: 127.0.0.1, shutdown-grace: 1s, plugin-timeout: 120s}
                services:
                  steady: {protocol: hanger, port: 0}
                """;
        Files.writeString(config, before);
        daemon = ChildDaemon.start(home, config);
        daemon.await("ready", o -> o.contains(" ready: 1 of 1 services running"));
        Files.writeString(config, before + "  stuck: {protocol: hanger, port: 0, open-takes: 60s}\n");
        daemon.signal("HUP");
        daemon.await("the reload waits in stuck's open", o -> o.contains("hanger: open of stuck takes PT1M"));
        long millis = daemon.stopBySigterm();
        assertTrue(millis < STOP_MILLIS, "SIGTERM during a reload stuck in open() took " + millis + " ms\n" + daemon.output());
        assertTrue(daemon.output().contains("open(): given up because the daemon is stopping"), daemon.output());
        assertTrue(daemon.output().contains("reload refused"), daemon.output());
    }

    @Test
    void sigtermWithADrainThatHangsStopsWithinGracePlusPluginTimeout() throws Exception {
        Files.writeString(config, """
                daemon: {bind: 127.0.0.1, shutdown-grace: 1s, plugin-timeout: 1s}
                services:
                  sleepy: {protocol: hanger, port: 0, drain-takes: 60s, close-takes: 60s}
                """);
        daemon = ChildDaemon.start(home, config);
        daemon.await("ready", o -> o.contains(" ready: 1 of 1 services running"));
        long millis = daemon.stopBySigterm();
        assertTrue(millis < STOP_MILLIS, "SIGTERM with a drain() of 60 s took " + millis + " ms\n" + daemon.output());
        assertTrue(daemon.output().contains("sleepy: plugin 'test-hanger' 1.0.0 drain(): did not return within 1 s"), daemon.output());
        assertTrue(daemon.output().contains("at testplugins.hanger.HangerProtocol.hang"), "the stuck stack:\n" + daemon.output());
    }
}
