package dev.switchboard.plugins.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** YAML for a {@code TestDaemon}: an admin service, an http service and any more services, all on port 0. */
final class AdminConfig {

    private AdminConfig() {
    }

    /**
     * @param tmp where the http service's root {@code www/} (with {@code hello.txt}) is made
     * @param adminSettings the admin service's settings, one per line
     * @param more further service entries, indented as under {@code services:}
     */
    static String yaml(Path tmp, String adminSettings, String more) throws IOException {
        Path www = Files.createDirectories(tmp.resolve("www"));
        Files.writeString(www.resolve("hello.txt"), "hello\n");
        return """
                defaults:
                  max-connects-per-second-per-ip: 0
                services:
                  admin:
                    port: 0
                %s
                  http:
                    port: 0
                    root: '%s'
                %s""".formatted(adminSettings.indent(4).stripTrailing(), www, more);
    }

    /**
     * The configuration with a {@code guarded} service that admits only 127.0.0.5, so a client from 127.0.0.1
     * is one it would refuse (issue 13 finding 1).
     */
    static String withGuardedService(Path tmp) throws IOException {
        return yaml(tmp, "", """
                  guarded:
                    protocol: guarded-report
                    port: 0
                    allow: [127.0.0.5]
                """);
    }
}
