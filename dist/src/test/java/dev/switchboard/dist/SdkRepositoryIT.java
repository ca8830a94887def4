package dev.switchboard.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The tarball's {@code sdk/}: a Maven repository of exactly the SDK's artifacts, each JAR with its sources and
 * javadoc, and the javadoc as HTML. That a plugin builds from it alone is shown by {@code .ci/sdk-check}.
 */
class SdkRepositoryIT {

    private static final Path SDK = Path.of(System.getProperty("switchboard.dist", "target/switchboard"), "sdk");
    private static final String VERSION = System.getProperty("switchboard.version");

    @Test
    void holdsExactlyTheSdkArtifactsWithSourcesAndJavadoc() throws IOException {
        Set<String> files;
        try (Stream<Path> all = Files.walk(SDK.resolve("dev/switchboard"))) {
            files = all.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".jar") || n.endsWith(".pom")).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> expected = new TreeSet<>(List.of("switchboard-parent-" + VERSION + ".pom"));
        for (String artifact : List.of("switchboard-plugin-api", "switchboard-testkit", "switchboard-plugin-archetype")) {
            for (String suffix : List.of(".pom", ".jar", "-sources.jar", "-javadoc.jar")) {
                expected.add(artifact + "-" + VERSION + suffix);
            }
        }
        assertEquals(expected, files);
    }

    @Test
    void theTestkitBundlesTheDaemonAndItsPomNamesNoDaemonArtifact() throws IOException {
        Path testkit = SDK.resolve("dev/switchboard/switchboard-testkit/" + VERSION);
        try (JarFile jar = new JarFile(testkit.resolve("switchboard-testkit-" + VERSION + ".jar").toFile())) {
            assertTrue(jar.getEntry("dev/switchboard/daemon/Switchboard.class") != null);
            assertTrue(jar.getEntry("dev/switchboard/testkit/TestDaemon.class") != null);
        }
        String pom = Files.readString(testkit.resolve("switchboard-testkit-" + VERSION + ".pom"));
        assertTrue(!pom.contains("<artifactId>switchboard-daemon</artifactId>") && pom.contains("<artifactId>pf4j</artifactId>"), pom);
    }

    @Test
    void theApiAndTestkitJavadocIsThereAsHtml() throws IOException {
        for (String page : List.of("javadoc/plugin-api/dev/switchboard/api/Connection.html",
                "javadoc/testkit/dev/switchboard/testkit/TestDaemon.html", "README.md")) {
            assertTrue(Files.size(SDK.resolve(page)) > 0, page);
        }
    }
}
