package dev.switchboard.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md's tables of the daemon's keys say what {@link DaemonKeys} declares: the same keys
 * in each section, with the same type and default, and "Applies only on a restart" exactly for the keys
 * a reload cannot apply. A key added to the table without its doc row, or a default changed in one place
 * only, fails here.
 */
class ConfigurationDocTest {

    /** The headings whose tables document each section's keys. */
    private static final Map<Key.Section, List<String>> HEADINGS = Map.of(
            Key.Section.DAEMON, List.of("## `daemon:`"),
            Key.Section.INHERITED, List.of("## `defaults:` and the daemon's keys of every service", "## TLS and UDP"),
            Key.Section.SERVICE, List.of("## `services:`"));

    @Test
    void eachSectionsTableListsExactlyItsDeclaredKeys() throws IOException {
        String doc = doc();
        for (Key.Section section : Key.Section.values()) {
            Map<String, List<String>> rows = rows(doc, HEADINGS.get(section));
            assertEquals(DaemonKeys.in(section).stream().map(Key::name).sorted().toList(),
                    rows.keySet().stream().sorted().toList(), "keys documented for " + section);
        }
    }

    @Test
    void typesAndDefaultsAreTheDeclaredOnes() throws IOException {
        String doc = doc();
        List<String> wrong = new ArrayList<>();
        for (Key.Section section : Key.Section.values()) {
            Map<String, List<String>> rows = rows(doc, HEADINGS.get(section));
            for (Key<?> key : DaemonKeys.in(section)) {
                List<String> cells = rows.get(key.name());
                if (cells == null) {
                    continue; // reported by the test above
                }
                if (!cells.get(1).equals(key.type().name())) {
                    wrong.add(key.name() + ": type '" + cells.get(1) + "', declared '" + key.type().name() + "'");
                }
                if (!cells.get(2).equals(key.defaultText())) {
                    wrong.add(key.name() + ": default '" + cells.get(2) + "', declared '" + key.defaultText() + "'");
                }
                boolean saysRestart = cells.get(cells.size() - 1).contains("Applies only on a restart");
                if (saysRestart != (key.reload() == Key.Reload.RESTART)) {
                    wrong.add(key.name() + ": declared " + key.reload() + " but the doc "
                            + (saysRestart ? "says" : "does not say") + " \"Applies only on a restart\"");
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theTableReaderFindsRowsAndWouldSeeAChangedDefault() throws IOException {
        String doc = doc();
        Map<String, List<String>> daemon = rows(doc, HEADINGS.get(Key.Section.DAEMON));
        assertEquals("`2000`", daemon.get("max-connections").get(2));
        String edited = doc.replace("| `max-connections` | integer | `2000` |", "| `max-connections` | integer | `3000` |");
        assertTrue(!rows(edited, HEADINGS.get(Key.Section.DAEMON)).get("max-connections").get(2)
                .equals(DaemonKeys.TOTAL_CONNECTIONS.defaultText()));
    }

    private static String doc() throws IOException {
        return Files.readString(Path.of(System.getProperty("switchboard.docs", "../docs"), "configuration.md"));
    }

    /** @return each key row's cells, from the tables under the headings (up to the next heading) */
    private static Map<String, List<String>> rows(String doc, List<String> headings) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        boolean inside = false;
        for (String line : doc.split("\n")) {
            if (line.startsWith("#")) {
                inside = headings.contains(line.trim());
            } else if (inside && line.startsWith("| `")) {
                List<String> cells = new ArrayList<>();
                for (String cell : line.substring(1, line.length() - 1).split(" \\| ")) {
                    cells.add(cell.trim());
                }
                rows.put(cells.get(0).replace("`", ""), cells);
            }
        }
        return rows;
    }
}
