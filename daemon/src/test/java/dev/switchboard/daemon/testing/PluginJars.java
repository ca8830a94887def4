package dev.switchboard.daemon.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds real PF4J plugin JARs during a test, as a plugin author's build would: compiles the sources under
 * {@code src/test/resources/test-plugins/NAME/} (kept out of the test class path, so the daemon can only
 * find them in the JAR) against the test JVM's class path with PF4J's annotation processor, which writes
 * {@code META-INF/extensions.idx}, and packs them with the plugin manifest.
 */
public final class PluginJars {

    private static final String EXTENSIONS_INDEX = "META-INF/extensions.idx";

    private PluginJars() {
    }

    /**
     * @param name the directory under {@code test-plugins/}
     * @param workDir where the classes are compiled to (not the plugins directory: PF4J would load them)
     * @param jar the JAR to write
     * @return the JAR
     */
    public static Path build(String name, String pluginId, String version, String requires, Path workDir, Path jar)
            throws IOException {
        Path classes = Files.createDirectories(workDir.resolve(name + "-classes"));
        compile(sources(name), classes);
        if (!Files.isRegularFile(classes.resolve(EXTENSIONS_INDEX))) {
            throw new AssertionError("PF4J's annotation processor wrote no " + EXTENSIONS_INDEX + " for " + name);
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", pluginId);
        main.putValue("Plugin-Version", version);
        main.putValue("Plugin-Requires", requires);
        main.putValue("Plugin-Description", "test plugin " + name);
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> paths = Files.walk(classes)) {
            for (Path p : paths.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static List<Path> sources(String name) throws IOException {
        URL root = PluginJars.class.getResource("/test-plugins/" + name);
        if (root == null) {
            throw new IllegalArgumentException("no test plugin sources test-plugins/" + name);
        }
        try (Stream<Path> paths = Files.walk(Path.of(root.toURI()))) {
            return paths.filter(p -> p.toString().endsWith(".java")).toList();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void compile(List<Path> sources, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classPath = System.getProperty("java.class.path");
        // Named explicitly: JDK 23+ no longer runs processors merely found on the class path.
        List<String> options = List.of("--release", "17", "-classpath", classPath, "-processorpath", classPath,
                "-processor", "org.pf4j.processor.ExtensionAnnotationProcessor", "-d", classes.toString());
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources))
                    .call();
            if (!ok) {
                throw new AssertionError("test plugin did not compile:\n" + diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                        .map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.joining("\n")));
            }
        }
    }
}
