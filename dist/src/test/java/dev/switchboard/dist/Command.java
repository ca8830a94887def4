package dev.switchboard.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An external command run to completion with its output in a file (so a chatty or hung command cannot
 * block the test), bounded in time.
 *
 * @param exitCode its exit code
 * @param output stdout and stderr together
 */
record Command(int exitCode, String output) {

    static Command run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("switchboard-command", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                assertTrue(false, String.join(" ", command) + " did not finish within 180 s");
            }
            return new Command(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static Command run(String... command) throws IOException, InterruptedException {
        return run(List.of(command));
    }

    /** @return whether the program is on the PATH */
    static boolean exists(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
