package dev.switchboard.daemon.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.ServiceStatus.State;
import dev.switchboard.daemon.testing.LineClient;
import dev.switchboard.daemon.testing.PluginJars;
import dev.switchboard.daemon.testing.Recorder;
import dev.switchboard.daemon.testing.RunningDaemon;
import dev.switchboard.daemon.testing.TestConfigs;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloading a running daemon: the file is rewritten and {@code Switchboard.reload()} is called, as SIGHUP
 * does. Clients are real sockets connected before the reload.
 */
@Timeout(60)
class ReloadTest {

    @TempDir
    Path tmp;
    RunningDaemon daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private ReloadReport reload(String yaml) {
        TestConfigs.write(tmp, yaml);
        return daemon.switchboard().reload();
    }

    @Test
    void unchangedServiceKeepsItsClientsWhileOthersAreAddedRemovedAndReplaced() throws Exception {
        daemon = RunningDaemon.start(tmp, """
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
                services:
                  kept: {protocol: lines, port: 0, prefix: "kept:"}
                  gone-r1: {protocol: lines, port: 0}
                  changed-r1: {protocol: lines, port: 0, prefix: "old:"}
                """);
        int keptPort = daemon.port("kept");
        int changedPort = daemon.port("changed-r1");
        int gonePort = daemon.port("gone-r1");
        LineClient kept = daemon.client("kept");
        LineClient gone = daemon.client("gone-r1");
        LineClient changedOld = daemon.client("changed-r1");
        assertEquals("kept:before", kept.ask("before"));

        // kept moves to another line and gains a comment: the same settings, so the same service.
        ReloadReport report = reload("""
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
                services:
                  changed-r1: {protocol: lines, port: %d, prefix: "new:"}
                  added-r1: {protocol: lines, port: 0, prefix: "added:"}
                  # a comment shifts the lines below
                  kept:
                    protocol: lines
                    port: 0
                    prefix: "kept:"
                """.formatted(changedPort));

        assertTrue(report.applied(), report.toString());
        assertHas(report.changes(), "service kept unchanged", "1 connected clients");
        assertHas(report.changes(), "service added-r1 added", "listening on 127.0.0.1:");
        assertHas(report.changes(), "service changed-r1 replaced (port 0 -> " + changedPort + "; plugin settings changed: prefix)",
                "1 clients of the old one drain");
        assertHas(report.changes(), "service gone-r1 removed", "1 connected clients drain");

        assertEquals("kept:during", kept.ask("during"), "a client of an unchanged service is untouched");
        assertEquals(keptPort, daemon.port("kept"));
        try (LineClient added = LineClient.connect(daemon.port("added-r1"))) {
            assertEquals("added:hello", added.ask("hello"));
        }
        assertEquals(changedPort, daemon.port("changed-r1"), "the replacement listens on the same port");
        try (LineClient changedNew = LineClient.connect(changedPort)) {
            assertEquals("new:hello", changedNew.ask("hello"));
        }
        assertEquals("old:still", changedOld.ask("still"), "the old handler serves its client while it drains");
        assertEquals("still here", gone.ask("still here"), "a removed service's client is served while it drains");
        assertTrue(Recorder.wasDrained("gone-r1") && Recorder.wasDrained("changed-r1"));
        assertThrows(ConnectException.class, () -> LineClient.connect(gonePort).close(),
                "a removed service accepts no new client");
        assertThrows(IllegalArgumentException.class, () -> daemon.status("gone-r1"));

        // After shutdown-grace (1 s) the drained services' last clients are closed; the kept one is not.
        gone.awaitClosedByServer(5000);
        changedOld.awaitClosedByServer(5000);
        assertEquals("kept:after", kept.ask("after"));
        assertEquals(3, daemon.switchboard().runningServices());
    }

    @Test
    void configurationWithAProblemChangesNothing() throws Exception {
        String good = """
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
                services:
                  steady: {protocol: lines, port: 0, prefix: "s:"}
                """;
        daemon = RunningDaemon.start(tmp, good);
        int port = daemon.port("steady");
        LineClient client = daemon.client("steady");

        ReloadReport syntax = reload("services: [steady\n");
        assertFalse(syntax.applied());
        assertHas(syntax.problems(), "switchboard.yml:2: YAML syntax error");

        // Valid for the daemon, but the plugin does not know the key: refused too, as check would.
        ReloadReport pluginKey = reload("""
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
                services:
                  steady: {protocol: lines, port: 0, prefix: "s:"}
                  another: {protocol: lines, port: 0, prefx: "typo"}
                """);
        assertFalse(pluginKey.applied());
        assertHas(pluginKey.problems(), "switchboard.yml:4: services.another.prefx: unknown key", "prefix");

        // The JAR meant to provide the protocol is broken: both the JAR and the missing protocol are named.
        Files.write(tmp.resolve("plugins/nosuch.jar"), new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'j', 'a', 'r'});
        ReloadReport noProvider = reload("""
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
                services:
                  steady: {protocol: nosuch, port: 0}
                """);
        assertFalse(noProvider.applied());
        assertHas(noProvider.problems(), "nosuch.jar: not a usable plugin");
        assertHas(noProvider.problems(), "switchboard.yml:3: services.steady.protocol: no plugin provides protocol 'nosuch'");

        assertEquals("s:unharmed", client.ask("unharmed"));
        assertEquals(port, daemon.port("steady"));
        assertEquals(State.RUNNING, daemon.status("steady").state());
        assertFalse(Recorder.wasDrained("steady"));
    }

    @Test
    void pluginJarAddedToThePluginsDirectoryServesAfterReloadAndAnUpdateReplacesItsService() throws Exception {
        String config = """
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
                services:
                  local: {protocol: lines, port: 0}
                  %s
                """;
        daemon = RunningDaemon.start(tmp, config.formatted(""));
        LineClient local = daemon.client("local");
        Path work = Files.createDirectories(tmp.resolve("build"));
        PluginJars.build("good", "test-good", "1.2.3", ">=0.1.0", work, tmp.resolve("plugins/good-1.2.3.jar"));

        ReloadReport added = reload(config.formatted("shout: {port: 0, suffix: \"!\"}"));

        assertTrue(added.applied(), added.toString());
        assertHas(added.changes(), "plugin test-good 1.2.3 added from good-1.2.3.jar", "[shout]");
        assertHas(added.changes(), "service shout added", "plugin test-good 1.2.3");
        assertHas(added.changes(), "service local unchanged");
        LineClient shout = daemon.client("shout");
        assertEquals("HEY!", shout.ask("hey"));
        assertEquals("still", local.ask("still"));

        // A new version of the JAR replaces the old one: the service moves to it on the next reload.
        Files.delete(tmp.resolve("plugins/good-1.2.3.jar"));
        PluginJars.build("good", "test-good", "1.2.4", ">=0.1.0", Files.createDirectories(work.resolve("v2")),
                tmp.resolve("plugins/good-1.2.4.jar"));
        ReloadReport updated = reload(config.formatted("shout: {port: 0, suffix: \"!\"}"));

        assertTrue(updated.applied(), updated.toString());
        assertHas(updated.changes(), "service shout replaced (plugin 'test-good' updated from 1.2.3 to 1.2.4)");
        assertEquals("1.2.4", daemon.status("shout").pluginVersion());
        assertEquals("OLD CLIENT!", shout.ask("old client"), "the old plugin's handler serves its client while it drains");
        try (LineClient again = daemon.client("shout")) {
            assertEquals("NEW!", again.ask("new"));
        }
        shout.awaitClosedByServer(5000);
        // The old plugin is unloaded once its last client is gone; the new one serves on.
        try (LineClient after = daemon.client("shout")) {
            assertEquals("AFTER!", after.ask("after"));
        }
        assertEquals("local", local.ask("local"));
    }

    @Test
    void daemonSettingsThatNeedARestartAreReportedAndTheRestApplies() throws Exception {
        daemon = RunningDaemon.start(tmp, """
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s, max-connections: 100}
                services:
                  one-r4: {protocol: lines, port: 0}
                """);
        ReloadReport report = reload("""
                daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 2s, max-connections: 50}
                services:
                  one-r4: {protocol: lines, port: 0}
                """);
        assertTrue(report.applied(), report.toString());
        assertHas(report.changes(), "daemon.max-connections changed to 50: needs a restart (still 100)");
        assertHas(report.changes(), "daemon.shutdown-grace changed to 2s");
        // The per-service limit is capped by the daemon's, so the service itself changed too.
        assertHas(report.changes(), "service one-r4 replaced (max-connections 100 -> 50)");
    }

    private static void assertHas(List<String> lines, String... parts) {
        assertTrue(lines.stream().anyMatch(l -> List.of(parts).stream().allMatch(l::contains)),
                "no line with " + List.of(parts) + " in:\n" + String.join("\n", lines));
    }
}
