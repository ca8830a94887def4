package dev.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.Protocol;
import dev.switchboard.testkit.greeter.GreeterProtocol;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
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
    private Path jar(boolean index, boolean bundleApi, String requires) throws IOException, URISyntaxException {
        Map<String, byte[]> entries = new TreeMap<>();
        Path classes = Path.of(GreeterProtocol.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        addTree(entries, classes, classes.resolve("dev/switchboard/testkit/greeter"));
        if (index) {
            entries.put("META-INF/extensions.idx", (GreeterProtocol.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (bundleApi) {
            Path api = Path.of(Protocol.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(api)) {
                addTree(entries, api, api.resolve("dev/switchboard/api"));
            } else {
                try (JarFile jar = new JarFile(api.toFile())) {
                    for (JarEntry e : jar.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                        entries.put(e.getName(), jar.getInputStream(e).readAllBytes());
                    }
                }
            }
        }
        return write(tmp.resolve("greeter-" + index + "-" + bundleApi + "-" + requires.length() + ".jar"), "greeter",
                requires, entries);
    }

    private Path emptyPluginJar() throws IOException {
        return write(tmp.resolve("empty.jar"), "empty", ">=0.1.0", Map.of("README", new byte[] {'x'}));
    }

    private static void addTree(Map<String, byte[]> entries, Path root, Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                entries.put(root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
    }

    private static Path write(Path jar, String id, String requires, Map<String, byte[]> entries) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", id);
        main.putValue("Plugin-Version", "1.0.0");
        main.putValue("Plugin-Requires", requires);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }
}
