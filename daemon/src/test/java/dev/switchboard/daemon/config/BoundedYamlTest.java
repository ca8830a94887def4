package dev.switchboard.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.daemon.Switchboard;
import dev.switchboard.daemon.testing.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile or careless files that once crashed the daemon or filled its heap: each is now one problem at
 * its line, like any other mistake. (A reload of these files is covered in ReloadTest and ReloadIT.)
 */
class BoundedYamlTest {

    private static final String SERVICE = """
            daemon:
              plugins: PLUGINS
            services:
              echo:
                port: 0
                protocol: lines
            """;

    @TempDir
    Path tmp;

    private Path file;

    private List<String> check(String yaml) {
        file = TestConfigs.write(tmp, yaml);
        return Switchboard.check(file, tmp);
    }

    private void assertOnlyProblem(List<String> problems, int line, String message) {
        assertEquals(1, problems.size(), () -> "expected one problem, got " + problems);
        assertTrue(problems.get(0).startsWith(file + ":" + line + ": ") && problems.get(0).contains(message),
                () -> "expected " + file + ":" + line + ": ..." + message + "..., got " + problems);
    }

    @Test
    void aListThatContainsItselfIsARecursiveAliasAtItsAnchor() {
        assertOnlyProblem(check(SERVICE + "x: &a [*a]\n"), 7, "recursive alias");
    }

    @Test
    void aMappingThatContainsItselfIsARecursiveAliasToo() {
        assertOnlyProblem(check(SERVICE + """
                x: &m
                  y:
                    z: *m
                """), 7, "recursive alias");
    }

    @Test
    void anAliasUsedTwiceSideBySideIsNotACycle() {
        List<String> problems = check(SERVICE.replace("protocol: lines", "protocol: lines\n    deny: &nets [10.0.0.0/8]")
                + "  echo2:\n    port: 0\n    protocol: lines\n    deny: *nets\n");
        assertEquals(List.of(), problems);
    }

    @Test
    void anAliasBombStopsAtTheExpansionBudget() {
        // 16 levels of three aliases each: 48 aliases, 3^16 (43 million) leaves once expanded.
        StringBuilder bomb = new StringBuilder(SERVICE).append("l0: &a0 [x, x, x]\n");
        for (int i = 1; i <= 16; i++) {
            bomb.append("l").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                    .append(i - 1).append(", *a").append(i - 1).append("]\n");
        }
        List<String> problems = check(bomb.toString());
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("more than " + YamlReader.MAX_VALUES + " values once aliases"), problems::toString);
    }

    @Test
    void deepNestingIsRefusedAtTheLineWhereItGoesTooDeep() {
        String deep = "[".repeat(1000) + "]".repeat(1000);
        assertOnlyProblem(check(SERVICE + "x:\n  " + deep + "\n"), 8, "nested more than " + BoundedComposer.MAX_DEPTH);
    }

    @Test
    void tooManyValuesAreRefusedBeforeTheyFillTheHeap() {
        StringBuilder many = new StringBuilder(SERVICE).append("x: [");
        for (int i = 0; i < BoundedComposer.MAX_NODES + 10; i++) {
            many.append("1,");
        }
        assertOnlyProblem(check(many.append("1]\n").toString()), 7, "more than " + BoundedComposer.MAX_NODES + " values");
    }

    @Test
    void aTenMegabyteFileIsRefusedWithoutReadingIt() throws IOException {
        file = TestConfigs.write(tmp, SERVICE);
        Files.writeString(file, "# padding\n".repeat(1024 * 1024), java.nio.file.StandardOpenOption.APPEND);
        List<String> problems = Switchboard.check(file, tmp);
        assertOnlyProblem(problems, 1, "the file is 10 MB: a configuration file may be at most 4 MB");
    }
}
