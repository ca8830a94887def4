package dev.switchboard.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code switchboard schema} against the packaged daemon: the schema it prints is the one shipped beside
 * the config (so editors get the current keys), a real JSON Schema validator (Debian's python3-jsonschema)
 * accepts the shipped config and refuses broken ones that {@code check} refuses too, and every protocol's
 * keys in docs/configuration.md are the ones its plugin reads.
 */
@Timeout(180)
class SchemaIT {

    /** Broken files, each also refused by check, and the key the validator names. */
    private static final Map<String, String> BROKEN = new LinkedHashMap<>();

    static {
        BROKEN.put("services:\n  echo: {port: 7, bufer: 64KiB}\n", "bufer");
        BROKEN.put("services:\n  web: {protocol: http, port: 8080, roots: www}\n", "roots");
        BROKEN.put("services:\n  echo: {port: 70000}\n", "port");
        BROKEN.put("services:\n  echo: {buffer: 1KiB}\n", "port");
        BROKEN.put("services: {}\n", "services");
        BROKEN.put("defaults: {idle-timeout: 5 minutes}\nservices:\n  echo: {port: 0}\n", "idle-timeout");
        BROKEN.put("deamon: {}\nservices:\n  echo: {port: 0}\n", "deamon");
        BROKEN.put("services:\n  echo: {port: 0, motd: hello}\n", "motd");
        BROKEN.put("defaults: {ipv6-prefix: 16}\nservices:\n  echo: {port: 0}\n", "ipv6-prefix");
        BROKEN.put("daemon: {threads: many}\nservices:\n  echo: {port: 0}\n", "threads");
    }

    @TempDir
    Path tmp;

    @Test
    void thePrintedSchemaIsTheShippedOne() throws Exception {
        try (DistributionDaemon daemon = DistributionDaemon.install(tmp)) {
            String printed = schema(daemon);
            String shipped = Files.readString(daemon.home().resolve("conf/switchboard.schema.json"));
            assertEquals(shipped, printed, "conf/switchboard.schema.json is stale: regenerate it with "
                    + "'bin/switchboard schema > conf/switchboard.schema.json' from a fresh build");
            assertTrue(Files.readAllLines(daemon.home().resolve("conf/switchboard.yml")).get(0)
                    .equals("# yaml-language-server: $schema=switchboard.schema.json"));
            assertTrue(printed.contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\""), printed);
        }
    }

    @Test
    void aJsonSchemaValidatorAcceptsTheShippedConfigAndRefusesWhatCheckRefuses() throws Exception {
        assumeTrue(Command.run("python3", "-c", "import jsonschema, yaml").exitCode() == 0,
                "needs python3-jsonschema and python3-yaml (installed by .ci/run)");
        try (DistributionDaemon daemon = DistributionDaemon.install(tmp)) {
            Path schema = Files.writeString(tmp.resolve("schema.json"), schema(daemon));
            Path script = tmp.resolve("validate-config.py");
            try (InputStream in = SchemaIT.class.getResourceAsStream("/validate-config.py")) {
                Files.copy(in, script);
            }
            List<String> args = new ArrayList<>(List.of("python3", script.toString(), schema.toString(),
                    daemon.home().resolve("conf/switchboard.yml").toString()));
            List<Path> broken = new ArrayList<>();
            for (String yaml : BROKEN.keySet()) {
                Path file = Files.writeString(tmp.resolve("broken-" + broken.size() + ".yml"), yaml);
                broken.add(file);
                args.add(file.toString());
                DistributionDaemon.Result check = daemon.run("check", "--config", file.toString());
                assertEquals(2, check.exitCode(), "check should refuse:\n" + yaml + check.output());
            }
            Command validated = Command.run(args);
            assertEquals(0, validated.exitCode(), validated.output());
            List<String> lines = validated.output().lines().toList();
            assertEquals("valid " + daemon.home().resolve("conf/switchboard.yml"), lines.get(0), validated.output());
            List<String> expected = new ArrayList<>(BROKEN.values());
            for (int i = 0; i < broken.size(); i++) {
                String line = lines.get(i + 1);
                assertTrue(line.startsWith("invalid " + broken.get(i) + ": "), line);
                assertTrue(line.contains(expected.get(i)), "the validator should name " + expected.get(i) + ": " + line);
            }
        }
    }

    @Test
    void everyProtocolsDocumentedKeysAreTheKeysItsPluginReads() throws Exception {
        String doc = Files.readString(Path.of(System.getProperty("switchboard.docs", "../docs"), "configuration.md"));
        try (DistributionDaemon daemon = DistributionDaemon.install(tmp)) {
            String schema = schema(daemon);
            for (String protocol : List.of("echo", "http", "time", "netinfo", "admin", "chat")) {
                Set<String> read = schemaKeys(schema, protocol);
                // http still reads its 0.1.0 dashboard keys, only to say they moved to the admin service.
                if (protocol.equals("http")) {
                    read.removeAll(Set.of("dashboard", "dashboard-path", "metrics", "metrics-path"));
                }
                assertEquals(docKeys(doc, protocol), read, "keys of " + protocol + ": docs vs what the plugin reads");
            }
        }
    }

    private static String schema(DistributionDaemon daemon) throws IOException, InterruptedException {
        Path out = daemon.home().resolve("printed-schema.json");
        Command run = Command.run("sh", "-c", "'" + daemon.home().resolve("bin/switchboard") + "' schema > '" + out + "'");
        assertEquals(0, run.exitCode(), run.output());
        assertEquals("", run.output(), "schema printed problems");
        return Files.readString(out);
    }

    /** @return the keys of "$defs"/"protocol-NAME"/"properties" in the indented schema text */
    private static Set<String> schemaKeys(String schema, String protocol) {
        int start = schema.indexOf("\n    \"protocol-" + protocol + "\": {");
        assertTrue(start >= 0, "no protocol-" + protocol + " in the schema");
        int end = schema.indexOf("\n    }", start);
        Set<String> keys = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^        \"([a-z0-9-]+)\": \\{").matcher(schema.substring(start, end));
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    /** @return the keys of the table under "### PROTOCOL" */
    private static Set<String> docKeys(String doc, String protocol) {
        Set<String> keys = new TreeSet<>();
        boolean inside = false;
        for (String line : doc.split("\n")) {
            if (line.startsWith("#")) {
                inside = line.equals("### " + protocol) || line.startsWith("### " + protocol + " ");
            } else if (inside && line.startsWith("| `")) {
                keys.add(line.substring(3, line.indexOf('`', 3)));
            }
        }
        assertTrue(!keys.isEmpty(), "no key table under ### " + protocol);
        return keys;
    }
}
