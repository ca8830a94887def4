package dev.switchboard.daemon.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.api.ServiceStatus;
import dev.switchboard.api.ServiceStatus.State;
import dev.switchboard.daemon.Switchboard;
import dev.switchboard.daemon.Version;
import dev.switchboard.daemon.testing.LineClient;
import dev.switchboard.daemon.testing.PluginJars;
import dev.switchboard.daemon.testing.RunningDaemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins as a user installs them: real JARs in the plugins directory, built by the test from sources
 * that are not on the class path. One good plugin and three bad ones; each bad one is reported and
 * costs only its own services.
 */
@Timeout(60)
class PluginJarLoadingTest {

    private static final String CONFIG = """
            daemon: {bind: 127.0.0.1, plugins: PLUGINS, shutdown-grace: 1s}
            services:
              shout:
                port: 0
                suffix: "!"
              future:
                port: 0
              broken:
                protocol: broken-open
                port: 0
              missing:
                protocol: nosuch
                port: 0
              local:
                protocol: lines
                port: 0
            """;

    @TempDir
    static Path tmp;
    static Path plugins;
    static RunningDaemon daemon;

    @BeforeAll
    static void buildPluginsAndStart() throws Exception {
        plugins = Files.createDirectories(tmp.resolve("plugins"));
        Path work = Files.createDirectories(tmp.resolve("build"));
        PluginJars.build("good", "test-good", "1.2.3", ">=0.1.0", work, plugins.resolve("good.jar"));
        PluginJars.build("future", "test-future", "1.0.0", ">=99.0.0", work, plugins.resolve("future.jar"));
        PluginJars.build("broken-open", "test-broken-open", "1.0.0", "*", work, plugins.resolve("broken-open.jar"));
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        Files.write(plugins.resolve("corrupt.jar"), noise);
        daemon = RunningDaemon.start(tmp, CONFIG);
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static void assertHasProblem(List<String> problems, String... parts) {
        if (problems.stream().noneMatch(p -> List.of(parts).stream().allMatch(p::contains))) {
            fail("expected a problem containing " + List.of(parts) + ", got " + problems);
        }
    }

    @Test
    void buildsPluginJarsWithTheExtensionIndexAndManifest() throws IOException {
        try (JarFile jar = new JarFile(plugins.resolve("good.jar").toFile())) {
            assertNotNull(jar.getEntry("META-INF/extensions.idx"), "no extension index in the JAR");
            assertNotNull(jar.getEntry("testplugins/good/ShoutProtocol.class"));
            assertEquals("test-good", jar.getManifest().getMainAttributes().getValue("Plugin-Id"));
        }
        assertTrue(getClass().getClassLoader().getResource("testplugins/good/ShoutProtocol.class") == null,
                "the test plugin must be found only in its JAR, not on the class path");
    }

    @Test
    void servesTheProtocolOfAGoodPluginJarWithItsOwnSettings() throws IOException {
        try (LineClient client = LineClient.connect(daemon.port("shout"))) {
            assertEquals("HELLO!", client.ask("hello"));
        }
        ServiceStatus shout = daemon.status("shout");
        assertEquals(State.RUNNING, shout.state());
        assertEquals("test-good", shout.pluginId());
        assertEquals("1.2.3", shout.pluginVersion());
    }

    @Test
    void reportsACorruptJarByItsPath() {
        assertHasProblem(daemon.switchboard().pluginProblems(), plugins.resolve("corrupt.jar").toString(),
                "not a usable plugin");
    }

    @Test
    void refusesAPluginThatRequiresANewerDaemonAndFailsItsService() {
        assertHasProblem(daemon.switchboard().pluginProblems(), plugins.resolve("future.jar").toString(),
                "plugin 'test-future' 1.0.0 requires Switchboard >=99.0.0, but this is " + Version.get());
        ServiceStatus future = daemon.status("future");
        assertEquals(State.FAILED, future.state());
        assertTrue(future.problem().contains("services.future.protocol: no plugin provides protocol 'future'"),
                future.problem());
    }

    @Test
    void failsTheServiceWhosePluginThrowsOnOpenNamingServiceAndPlugin() {
        ServiceStatus broken = daemon.status("broken");
        assertEquals(State.FAILED, broken.state());
        assertTrue(broken.problem().contains("services.broken: plugin 'test-broken-open' failed to open the service: "
                + "java.lang.IllegalStateException: broken on purpose by the test plugin"), broken.problem());
        assertEquals(0, broken.port());
    }

    @Test
    void failsAServiceWhoseProtocolNoPluginProvidesWhileTheOthersRun() throws IOException {
        ServiceStatus missing = daemon.status("missing");
        assertEquals(State.FAILED, missing.state());
        assertTrue(missing.problem().contains("services.missing.protocol: no plugin provides protocol 'nosuch'"),
                missing.problem());
        assertEquals(2, daemon.switchboard().runningServices());
        try (LineClient client = LineClient.connect(daemon.port("local"))) {
            assertEquals("still here", client.ask("still here"));
        }
    }

    @Test
    void checkListsEveryPluginAndServiceProblemWithItsLine() {
        Path config = tmp.resolve("switchboard.yml");
        List<String> problems = Switchboard.check(config, tmp);
        assertHasProblem(problems, "corrupt.jar", "not a usable plugin");
        assertHasProblem(problems, "future.jar", "requires Switchboard >=99.0.0");
        assertHasProblem(problems, config + ":6: services.future", "no plugin provides protocol 'future'");
        assertHasProblem(problems, config + ":8: services.broken: plugin 'test-broken-open' failed to open");
        assertHasProblem(problems, config + ":12: services.missing.protocol: no plugin provides protocol 'nosuch'");
        assertEquals(5, problems.size(), problems::toString);
    }
}
