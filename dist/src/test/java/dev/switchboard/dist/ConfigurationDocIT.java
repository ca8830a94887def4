package dev.switchboard.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps docs/configuration.md honest: its "every key at its default" example must pass the packaged
 * {@code bin/switchboard check}, and every key its reference tables name must be in that example (so a
 * misspelt key in a table, or a default the daemon or a plugin refuses, fails the build).
 */
@Timeout(120)
class ConfigurationDocIT {

    private static final String MARK = "# every key at its default";
    private static final Pattern YAML_BLOCK = Pattern.compile("(?ms)^```yaml\\n(.*?)^```$");
    /** A reference table's row: its first cell is a key in backticks. */
    private static final Pattern KEY_ROW = Pattern.compile("^\\| `([a-z][a-z0-9-]*)` \\|");

    @TempDir
    Path tmp;

    @Test
    void everyKeyAtItsDefaultExamplePassesTheLaunchersCheck() throws Exception {
        Path file = Files.writeString(tmp.resolve("every-key.yml"), example(doc()));
        try (DistributionDaemon daemon = DistributionDaemon.install(tmp)) {
            DistributionDaemon.Result check = daemon.run("check", "--config", file.toString());
            assertEquals(0, check.exitCode(), check.output());
            assertTrue(check.output().contains(file + ": OK"), check.output());
            for (String line : check.output().split("\n")) {
                assertFalse(line.matches(Pattern.quote(file.toString()) + ":\\d+: .*"), "problem: " + line);
            }
            for (String service : List.of("echo", "http", "time", "netinfo", "chat", "admin")) {
                assertTrue(check.output().matches("(?s).*\\n  " + service + " +protocol " + service + " .*"),
                        "service " + service + " missing from:\n" + check.output());
            }
        }
    }

    @Test
    void everyKeyOfTheReferenceTablesIsInTheCheckedExample() throws IOException {
        String doc = doc();
        String example = example(doc);
        List<String> missing = new ArrayList<>();
        List<String> keys = tableKeys(doc);
        for (String key : keys) {
            if (!Pattern.compile("(?m)^ +" + Pattern.quote(key) + ":").matcher(example).find()) {
                missing.add(key);
            }
        }
        assertTrue(keys.size() > 40, "expected the reference tables' keys, found " + keys);
        assertEquals(List.of(), missing, "keys in the tables but not in the \"" + MARK + "\" example");
    }

    private static String doc() throws IOException {
        return Files.readString(Path.of(System.getProperty("switchboard.docs", "../docs"), "configuration.md"));
    }

    /** @return the one yaml block whose first line is the mark */
    private static String example(String doc) {
        List<String> marked = new ArrayList<>();
        Matcher m = YAML_BLOCK.matcher(doc);
        while (m.find()) {
            if (m.group(1).startsWith(MARK + "\n")) {
                marked.add(m.group(1));
            }
        }
        assertEquals(1, marked.size(), "docs/configuration.md needs exactly one ```yaml block starting \"" + MARK + "\"");
        return marked.get(0);
    }

    /** @return the keys of every table whose header's first cell is "key" */
    private static List<String> tableKeys(String doc) {
        List<String> keys = new ArrayList<>();
        boolean inKeyTable = false;
        for (String line : doc.split("\n")) {
            if (!line.startsWith("|")) {
                inKeyTable = false;
            } else if (line.startsWith("| key |")) {
                inKeyTable = true;
            } else if (inKeyTable) {
                Matcher m = KEY_ROW.matcher(line);
                if (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        return keys;
    }
}
