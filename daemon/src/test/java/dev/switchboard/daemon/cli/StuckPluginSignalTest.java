package dev.switchboard.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.daemon.testing.PluginJars;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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
    private Path console;
    private Process daemon;

    @BeforeEach
    void install() throws IOException {
        PluginJars.build("hanger", "test-hanger", "1.0.0", ">=0.1.0", Files.createDirectories(home.resolve("build")),
                Files.createDirectories(home.resolve("plugins")).resolve("hanger-1.0.0.jar"));
        config = home.resolve("switchboard.yml");
        console = home.resolve("console.log");
    }

    @AfterEach
    void kill() {
        if (daemon != null) {
            daemon.destroyForcibly();
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
        start();
        await("ready", o -> o.contains(" ready: 1 of 1 services running"));
        Files.writeString(config, before + "  stuck: {protocol: hanger, port: 0, open-takes: 60s}\n");
        signal("HUP");
        await("the reload waits in stuck's open", o -> o.contains("hanger: open of stuck takes PT1M"));
        long millis = stopBySigterm();
        assertTrue(millis < STOP_MILLIS, "SIGTERM during a reload stuck in open() took " + millis + " ms\n" + output());
        assertTrue(output().contains("open(): given up because the daemon is stopping"), output());
        assertTrue(output().contains("reload refused"), output());
    }

    @Test
    void sigtermWithADrainThatHangsStopsWithinGracePlusPluginTimeout() throws Exception {
        Files.writeString(config, """
                daemon: {bind: 127.0.0.1, shutdown-grace: 1s, plugin-timeout: 1s}
                services:
                  sleepy: {protocol: hanger, port: 0, drain-takes: 60s, close-takes: 60s}
                """);
        start();
        await("ready", o -> o.contains(" ready: 1 of 1 services running"));
        long millis = stopBySigterm();
        assertTrue(millis < STOP_MILLIS, "SIGTERM with a drain() of 60 s took " + millis + " ms\n" + output());
        assertTrue(output().contains("sleepy: plugin 'test-hanger' 1.0.0 drain(): did not return within 1 s"), output());
        assertTrue(output().contains("at testplugins.hanger.HangerProtocol.hang"), "the stuck stack:\n" + output());
    }

    private void start() throws IOException {
        Path log4j = Path.of("../conf/log4j2.xml").toAbsolutePath().normalize();
        daemon = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dswitchboard.home=" + home, "-Dlog4j2.configurationFile=" + log4j,
                "-Dswitchboard.logs=" + home.resolve("logs"),
                "dev.switchboard.daemon.Main", "run", "--config", config.toString())
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(console.toFile()).start();
    }

    /** @return how long the daemon took to exit after SIGTERM, which it must do with code 0 */
    private long stopBySigterm() throws Exception {
        long start = System.nanoTime();
        daemon.destroy(); // SIGTERM
        assertTrue(daemon.waitFor(120, TimeUnit.SECONDS), "the daemon did not stop:\n" + output());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(0, daemon.exitValue(), output());
        return millis;
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(daemon.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + name);
    }

    private void await(String what, Predicate<String> seen) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            String output = output();
            if (seen.test(output)) {
                return;
            }
            if (!daemon.isAlive()) {
                fail("the daemon exited with " + daemon.exitValue() + " before " + what + ":\n" + output);
            }
            daemon.waitFor(100, TimeUnit.MILLISECONDS);
        }
        fail("not " + what + " within 90 s:\n" + output());
    }

    private String output() throws IOException {
        return Files.exists(console) ? Files.readString(console, StandardCharsets.UTF_8) : "";
    }
}
