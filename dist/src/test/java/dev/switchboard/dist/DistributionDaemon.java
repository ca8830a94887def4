package dev.switchboard.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packaged distribution (dist/target/switchboard) copied into a temporary directory and started as
 * its own process through {@code bin/switchboard}, as a user would. Services should use {@code port: 0}
 * and {@code bind: 127.0.0.1}; their real ports are read from the startup summary.
 *
 * <pre>{@code
 * try (DistributionDaemon d = DistributionDaemon.install(tmp)) {
 *     d.writeConfig("daemon: ...");
 *     d.start();
 *     int port = d.port("echo");
 * }
 * }</pre>
 */
public final class DistributionDaemon implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("^\\S+ \\S+ INFO\\s+(\\S+)\\s+protocol .* listening on (\\S+):(\\d+)$");

    private final Path home;
    private final Path log;
    private final Map<String, Integer> ports = new HashMap<>();
    private Process process;
    private String javaOptions = "";
    private List<String> wrapper = List.of();

    private DistributionDaemon(Path home) {
        this.home = home;
        this.log = home.resolve("console.log");
    }

    /** Copies the packaged layout into {@code dir}/switchboard. */
    public static DistributionDaemon install(Path dir) throws IOException {
        Path dist = Path.of(System.getProperty("switchboard.dist", "target/switchboard"));
        if (!Files.isExecutable(dist.resolve("bin/switchboard"))) {
            fail("no packaged distribution at " + dist.toAbsolutePath() + ": run mvn package first");
        }
        Path home = dir.resolve("switchboard");
        try (Stream<Path> files = Files.walk(dist)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = home.resolve(dist.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return new DistributionDaemon(home);
    }

    /** @return the install directory */
    public Path home() {
        return home;
    }

    /** Starts the daemon with these JVM options instead of the launcher's defaults ({@code SWITCHBOARD_JAVA_OPTS}). */
    public DistributionDaemon javaOptions(String options) {
        this.javaOptions = options;
        return this;
    }

    /** Starts the launcher through this command (e.g. {@code nohup}), as a user's shell would. */
    public DistributionDaemon wrappedIn(String... command) {
        this.wrapper = List.of(command);
        return this;
    }

    /** Replaces conf/switchboard.yml. */
    public Path writeConfig(String yaml) throws IOException {
        return Files.writeString(home.resolve("conf/switchboard.yml"), yaml);
    }

    /** Runs {@code bin/switchboard ARGS} to completion (for check, plugins, version). */
    public Result run(String... args) throws IOException, InterruptedException {
        Process p = launcher(args).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bin/switchboard " + String.join(" ", args) + " did not finish");
        return new Result(p.exitValue(), output);
    }

    /** Starts {@code bin/switchboard run} and waits until it reports ready (or exits). */
    public DistributionDaemon start(String... extraArgs) throws IOException, InterruptedException {
        String[] args = Stream.concat(Stream.of("run"), Stream.of(extraArgs)).toArray(String[]::new);
        process = launcher(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String output = output();
            if (output.contains(" ready: ")) {
                readPorts(output);
                return this;
            }
            if (!process.isAlive()) {
                return this; // the caller checks exitCode() and output()
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        fail("the daemon did not become ready within 60 s:\n" + output());
        return this;
    }

    private ProcessBuilder launcher(String... args) {
        List<String> command = new java.util.ArrayList<>(wrapper);
        command.add(home.resolve("bin/switchboard").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        // The same Java that runs the tests runs the daemon: CI runs the suite on JDK 17 and on 25.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        if (!javaOptions.isEmpty()) {
            builder.environment().put("SWITCHBOARD_JAVA_OPTS", javaOptions);
        }
        return builder;
    }

    private void readPorts(String output) {
        for (String line : output.split("\n")) {
            Matcher m = LISTENING.matcher(line.strip());
            if (m.find()) {
                ports.put(m.group(1), Integer.parseInt(m.group(3)));
            }
        }
    }

    /** @return the port a service reported at startup */
    public int port(String service) {
        Integer port = ports.get(service);
        if (port == null) {
            fail("service '" + service + "' is not listening; console output:\n" + output());
        }
        return port;
    }

    /** @return everything the daemon printed so far */
    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the daemon's process */
    public Process process() {
        return process;
    }

    /**
     * Sends SIGTERM and waits for the exit.
     *
     * @return the exit code
     */
    public int stop() throws InterruptedException {
        process.destroy(); // SIGTERM on Linux
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the daemon did not stop within 30 s of SIGTERM");
        return process.exitValue();
    }

    /** Sends SIGHUP with kill(1), as an operator would (the unit's ExecReload runs {@code switchboard reload}). */
    public void hangup() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -HUP failed");
    }

    /**
     * Waits until {@code text} has been logged {@code times} times.
     *
     * @return the log of the reload that logged it last, from "reload: reading" to that line
     */
    public String awaitReload(String text, int times) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String out = output();
            int at = -1;
            int found = 0;
            for (int i = out.indexOf(text); i >= 0; i = out.indexOf(text, i + 1)) {
                at = i;
                found++;
            }
            if (found >= times) {
                int from = out.lastIndexOf("reload: reading", at);
                return out.substring(Math.max(0, from), out.indexOf('\n', at) < 0 ? out.length() : out.indexOf('\n', at));
            }
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
        return fail("'" + text + "' not logged " + times + " times within 30 s:\n" + output());
    }

    /** Waits until the daemon has printed {@code text}, up to 30 s. */
    public void awaitOutput(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!output().contains(text)) {
            if (System.nanoTime() > deadline) {
                fail("'" + text + "' not printed within 30 s:\n" + output());
            }
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
    }

    /** Waits for a daemon that is expected to exit by itself. */
    public int awaitExit() throws InterruptedException {
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the daemon did not exit");
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * @param exitCode the launcher's exit code
     * @param output what it printed
     */
    public record Result(int exitCode, String output) {
    }
}
