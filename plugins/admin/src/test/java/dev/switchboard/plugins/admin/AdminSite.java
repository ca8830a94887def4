package dev.switchboard.plugins.admin;

import dev.switchboard.daemon.Switchboard;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real daemon in-process with an admin service, an http service and any more YAML, all on loopback port 0. */
final class AdminSite implements AutoCloseable {

    final Switchboard daemon;

    /** @param more further service entries, indented as under {@code services:} */
    AdminSite(Path tmp, String adminSettings, String more) throws Exception {
        Path www = Files.createDirectories(tmp.resolve("www"));
        Files.writeString(www.resolve("hello.txt"), "hello\n");
        Path config = tmp.resolve("switchboard.yml");
        Files.writeString(config, """
                daemon:
                  bind: 127.0.0.1
                  plugins: '%s'
                  shutdown-grace: 1s
                defaults:
                  max-connects-per-second-per-ip: 0
                services:
                  admin:
                    port: 0
                %s
                  http:
                    port: 0
                    root: '%s'
                %s""".formatted(Files.createDirectories(tmp.resolve("plugins")), adminSettings.indent(4).stripTrailing(),
                www, more));
        daemon = Switchboard.builder().config(config).start();
    }

    /**
     * The site with a {@code guarded} service that admits only 127.0.0.5, so a client from 127.0.0.1 is one
     * it would refuse (issue 13 finding 1).
     */
    static AdminSite withGuardedService(Path tmp) throws Exception {
        return new AdminSite(tmp, "", """
                  guarded:
                    protocol: guarded-report
                    port: 0
                    allow: [127.0.0.5]
                """);
    }

    int port() {
        return daemon.port("admin");
    }

    @Override
    public void close() {
        daemon.close();
    }
}
