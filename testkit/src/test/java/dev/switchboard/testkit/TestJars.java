package dev.switchboard.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Packs test protocols' compiled classes into plugin JARs, as a plugin's build would. */
final class TestJars {

    private TestJars() {
    }

    /**
     * @param extension the protocol; every class of its package goes in, and an index naming it
     * @return the JAR, written to {@code jar}
     */
    static Path plugin(Path jar, String id, String version, Class<?> extension) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        Path classes = classesOf(extension);
        addTree(entries, classes, classes.resolve(extension.getPackageName().replace('.', '/')));
        entries.put("META-INF/extensions.idx", (extension.getName() + "\n").getBytes(StandardCharsets.UTF_8));
        return write(jar, id, version, ">=0.1.0", entries);
    }

    /** @return the directory or JAR the class was loaded from */
    static Path classesOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds every file under {@code dir}, named relative to {@code root}. */
    static void addTree(Map<String, byte[]> entries, Path root, Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                entries.put(root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
    }

    /** Writes a JAR with the plugin manifest and these entries. */
    static Path write(Path jar, String id, String version, String requires, Map<String, byte[]> entries)
            throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", id);
        main.putValue("Plugin-Version", version);
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
