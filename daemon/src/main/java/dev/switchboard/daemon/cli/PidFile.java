package dev.switchboard.daemon.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/** The running daemon's process id in a file, so {@code switchboard reload} and scripts can find it. */
final class PidFile {

    private final Path path;
    private final long pid;

    private PidFile(Path path, long pid) {
        this.path = path;
        this.pid = pid;
    }

    /** Writes this process's id, replacing the file at once so a reader never sees it half written. */
    static PidFile write(Path path) throws IOException {
        long pid = ProcessHandle.current().pid();
        Path absolute = path.toAbsolutePath();
        Path temp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        Files.writeString(temp, pid + "\n", StandardCharsets.US_ASCII);
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new PidFile(absolute, pid);
    }

    /** Removes the file, unless another daemon has written its own id there since. */
    void delete() {
        try {
            if (read(path) == pid) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // already gone, or replaced: either way not ours to remove
        }
    }

    /**
     * @return the id of the live process the file names
     * @throws IOException with a message for the user when there is none
     */
    static long read(Path path) throws IOException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new IOException("cannot read the pid file " + path + " (" + e.getMessage()
                    + "): is the daemon running with --pid-file " + path + "?", e);
        }
        long pid;
        try {
            pid = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException(path + " does not hold a process id: '" + text + "'", e);
        }
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return pid;
        }
        throw new IOException("no process " + pid + " (from " + path + "): the daemon is not running");
    }

    /**
     * Sends SIGHUP: the JDK signals other processes only with TERM and KILL, so kill(1) does it. A daemon
     * that ignores SIGHUP (started under nohup) would drop the signal without a word, so that is refused
     * here, with the reason.
     */
    static void signalHangup(long pid) throws IOException {
        if (ignoresHangup(pid)) {
            throw new IOException("pid " + pid + " would not reload: " + Signals.HUP_IGNORED);
        }
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid)).redirectErrorStream(true).start();
        try {
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IOException("kill -HUP " + pid + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signalling " + pid, e);
        }
    }

    /** Reads the process's ignored-signal mask (Linux {@code /proc/PID/status}, "SigIgn:"); SIGHUP is bit 0. */
    private static boolean ignoresHangup(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 1L) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or the process just went: let kill(1) report what it finds.
        }
        return false;
    }
}
