package dev.switchboard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/plugin-api.md, the API overview, names every public type of the API: a new one cannot go unexplained. */
class ApiOverviewTest {

    private static final Pattern PUBLIC_TYPE =
            Pattern.compile("(?m)^public (?:final |sealed |abstract )*(?:class|interface|record|enum) (\\w+)");

    @Test
    void theOverviewCoversEveryPublicType() throws Exception {
        String overview = Files.readString(Path.of("../docs/plugin-api.md"));
        List<String> types = new ArrayList<>();
        try (Stream<Path> sources = Files.list(Path.of("src/main/java/dev/switchboard/api"))) {
            for (Path source : sources.sorted().toList()) {
                var m = PUBLIC_TYPE.matcher(Files.readString(source));
                if (m.find()) {
                    types.add(m.group(1));
                }
            }
        }
        assertTrue(types.size() >= 20, "found only " + types);
        List<String> missing = types.stream().filter(t -> !overview.contains("`" + t + "`")).toList();
        assertEquals(List.of(), missing, "public types docs/plugin-api.md does not cover");
    }
}
