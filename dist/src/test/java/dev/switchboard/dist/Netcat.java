package dev.switchboard.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code nc} (netcat-openbsd) process connected to a local port, driven through its standard
 * input and output as a user at a terminal would. Every wait is bounded.
 */
final class Netcat implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 10;
    /** Marks the end of nc's output in the queue. */
    private static final String EOF = new String("end of output");

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    private Netcat(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.reader = new Thread(this::pump, "nc-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** @return whether an {@code nc} is on the PATH */
    static boolean available() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "nc"))) {
                return true;
            }
        }
        return false;
    }

    static Netcat connect(int port) throws IOException {
        return run(List.of("nc", "127.0.0.1", Integer.toString(port)));
    }

    /** Starts this nc command line (e.g. with {@code -s} and under {@code ip netns exec}). */
    static Netcat run(List<String> command) throws IOException {
        return new Netcat(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private void pump() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process went away: that is the end of its output
        } finally {
            lines.add(EOF);
        }
    }

    /** Types a line, as a user pressing Enter. */
    void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Waits for a line equal to {@code expected}; returns the lines before it. */
    List<String> await(String expected) throws InterruptedException {
        return awaitMatch(expected, true);
    }

    /** Waits for a line starting with {@code prefix}. */
    void awaitPrefix(String prefix) throws InterruptedException {
        awaitMatch(prefix, false);
    }

    private List<String> awaitMatch(String text, boolean exact) throws InterruptedException {
        List<String> before = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line == EOF) {
                throw new AssertionError((line == null ? "timed out" : "nc ended") + " waiting for '" + text
                        + "'; nc printed " + before);
            }
            if (exact ? line.equals(text) : line.startsWith(text)) {
                return before;
            }
            before.add(line);
        }
    }

    /**
     * Ends nc's input, as Ctrl-D does, and waits for it to exit: netcat-openbsd leaves once both its
     * input and the connection have ended.
     *
     * @return nc's exit code
     */
    int hangUp() throws IOException, InterruptedException {
        stdin.close();
        assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "nc still running");
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        reader.join(TimeUnit.SECONDS.toMillis(5));
    }
}
