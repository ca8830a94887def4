package dev.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.Protocol;
import dev.switchboard.testkit.greeter.GreeterProtocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packaged-JAR mode: the greeter's compiled classes packed as a plugin JAR, correctly and with each of the
 * three mistakes that class-path tests cannot see. Each mistake fails {@code start()} with the daemon's
 * own explanation of it.
 */
@Timeout(60)
class PackagedPluginTest {

    private static final String CONFIG = "services:\n  greeter:\n    port: 0\n";

    @TempDir
    Path tmp;

    @Test
    void aWellPackagedJarIsServedFromThePluginsDirectory() throws Exception {
        try (TestDaemon daemon = TestDaemon.withConfig(CONFIG).packagedPlugin(jar(true, false, ">=0.1.0")).start()) {
            daemon.lineClient("greeter").send("jar").expectLine("hello, jar");
        }
    }

    @Test
    void packagedModeIgnoresTheClassPathsCopyOfTheProtocol() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> TestDaemon.withConfig(CONFIG).packagedPlugin(emptyPluginJar()).start());
        assertTrue(e.getMessage().contains("greeter"), e.getMessage());
    }

    @Test
    void aJarWithoutAnExtensionIndexFailsWithTheFix() throws Exception {
        AssertionError e = assertThrows(AssertionError.class,
                () -> TestDaemon.withConfig(CONFIG).packagedPlugin(jar(false, false, ">=0.1.0")).start());
        assertTrue(e.getMessage().contains("provides no protocol: it has no META-INF/extensions.idx"), e.getMessage());
        assertTrue(e.getMessage().contains("annotationProcessorPaths"), e.getMessage());
    }

    @Test
    void aJarBundlingTheApiFailsNamingTheClasses() throws Exception {
        AssertionError e = assertThrows(AssertionError.class,
                () -> TestDaemon.withConfig(CONFIG).packagedPlugin(jar(true, true, ">=0.1.0")).start());
        assertTrue(e.getMessage().contains("it bundles classes the daemon provides (dev.switchboard.api."), e.getMessage());
        assertTrue(e.getMessage().contains("<scope>provided</scope>"), e.getMessage());
    }

    @Test
    void aJarRequiringAnotherDaemonVersionFails() throws Exception {
        AssertionError e = assertThrows(AssertionError.class,
                () -> TestDaemon.withConfig(CONFIG).packagedPlugin(jar(true, false, ">=99.0.0")).start());
        assertTrue(e.getMessage().contains("requires Switchboard >=99.0.0"), e.getMessage());
    }

    @Test
    void checkInPackagedModeReportsTheSameCause() throws Exception {
        List<String> problems = TestDaemon.withConfig(CONFIG).packagedPlugin(jar(false, false, ">=0.1.0")).check();
        assertTrue(problems.stream().anyMatch(p -> p.contains("it has no META-INF/extensions.idx")), problems.toString());
    }

    /** The greeter's classes from the test class path, packed as a plugin would be. */
    private Path jar(boolean index, boolean bundleApi, String requires) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        Path classes = TestJars.classesOf(GreeterProtocol.class);
        TestJars.addTree(entries, classes, classes.resolve("dev/switchboard/testkit/greeter"));
        if (index) {
            entries.put("META-INF/extensions.idx", (GreeterProtocol.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (bundleApi) {
            Path api = TestJars.classesOf(Protocol.class);
            if (Files.isDirectory(api)) {
                TestJars.addTree(entries, api, api.resolve("dev/switchboard/api"));
            } else {
                try (JarFile jar = new JarFile(api.toFile())) {
                    for (JarEntry e : jar.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                        entries.put(e.getName(), jar.getInputStream(e).readAllBytes());
                    }
                }
            }
        }
        return TestJars.write(tmp.resolve("greeter-" + index + "-" + bundleApi + "-" + requires.length() + ".jar"),
                "greeter", "1.0.0", requires, entries);
    }

    private Path emptyPluginJar() throws IOException {
        return TestJars.write(tmp.resolve("empty.jar"), "empty", "1.0.0", ">=0.1.0", Map.of("README", new byte[] {'x'}));
    }
}
