package dev.switchboard.daemon.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The daemon in a JVM of its own, started as the launcher starts it ({@code Main run}, the shipped
 * log4j2.xml, the test's class path), its console captured to a file: for what an in-process daemon
 * cannot show, such as signals, exit codes and the real log output. {@link #close()} kills it if the
 * test has not stopped it.
 */
public final class ChildDaemon implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("(?m)^\\S+ \\S+ INFO\\s+(\\S+)\\s+protocol .* listening on \\S+:(\\d+)");
    private static final long WAIT_SECONDS = 90;

    private final Process process;
    private final Path console;

    private ChildDaemon(Process process, Path console) {
        this.process = process;
        this.console = console;
    }

    /**
     * @param home the daemon's home: relative paths in the configuration, and {@code logs/}, resolve there
     * @param args after {@code run --config CONFIG}, e.g. {@code --pid-file FILE}
     */
    public static ChildDaemon start(Path home, Path config, String... args) throws IOException {
        Path log4j = Path.of("../conf/log4j2.xml").toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dswitchboard.home=" + home, "-Dlog4j2.configurationFile=" + log4j,
                "-Dswitchboard.logs=" + home.resolve("logs"),
                "dev.switchboard.daemon.Main", "run", "--config", config.toString()));
        command.addAll(List.of(args));
        Path console = home.resolve("console.log");
        Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(console.toFile()).start();
        return new ChildDaemon(process, console);
    }

    /** @return everything the daemon has written to its console so far */
    public String output() {
        try {
            return Files.exists(console) ? Files.readString(console, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits up to 90 s until the console output passes {@code seen}; fails if the daemon exits first. */
    public void await(String what, Predicate<String> seen) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            String output = output();
            if (seen.test(output)) {
                return;
            }
            if (!process.isAlive()) {
                fail("the daemon exited with " + process.exitValue() + " before " + what + ":\n" + output);
            }
            sleep();
        }
        fail("not " + what + " within " + WAIT_SECONDS + " s:\n" + output());
    }

    /** Waits until the daemon says it is ready. */
    public void awaitReady() {
        await("ready", o -> o.contains(" ready: "));
    }

    /** @return the port the startup summary gives for the service (after {@link #awaitReady()}) */
    public int port(String service) {
        Matcher m = LISTENING.matcher(output());
        while (m.find()) {
            if (m.group(1).equals(service)) {
                return Integer.parseInt(m.group(2));
            }
        }
        return fail("service " + service + " is not listening:\n" + output());
    }

    /** Sends the signal ({@code HUP}, {@code TERM}, ...) with kill(1). */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + name);
    }

    /** @return whether it exited within the time, waiting for it */
    public boolean waitFor(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    /** @return its exit code, once it has exited */
    public int exitValue() {
        return process.exitValue();
    }

    /** @return how long the daemon took to exit after SIGTERM, which it must do within 120 s and with code 0 */
    public long stopBySigterm() throws InterruptedException {
        long start = System.nanoTime();
        process.destroy(); // SIGTERM
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the daemon did not stop:\n" + output());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(0, process.exitValue(), output());
        return millis;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void sleep() {
        try {
            process.waitFor(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
