package dev.switchboard.daemon.plugin;

import dev.switchboard.api.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.pf4j.PluginWrapper;

/**
 * Says why a loaded plugin provides no protocol, from what its JAR holds: the three packaging mistakes
 * that pass a plugin's class-path tests and fail only once it is dropped into {@code plugins/}.
 */
final class PluginDiagnosis {

    static final String EXTENSIONS_INDEX = "META-INF/extensions.idx";
    private static final List<String> HOST_PACKAGES = List.of("dev/switchboard/api/", "org/pf4j/");

    private PluginDiagnosis() {
    }

    /** @return one sentence per cause found, each with its fix; empty when none is recognized */
    static List<String> whyNoProtocol(PluginWrapper plugin) {
        List<String> causes = new ArrayList<>();
        ClassLoader loader = plugin.getPluginClassLoader();
        List<String> bundled = bundledHostClasses(plugin.getPluginPath(), loader);
        if (!bundled.isEmpty()) {
            causes.add("it bundles classes the daemon provides (" + String.join(", ", bundled) + "): give "
                    + "switchboard-plugin-api and pf4j <scope>provided</scope>, so the plugin sees the daemon's "
                    + "Protocol and not a copy of it");
        }
        URL index = loader instanceof URLClassLoader own ? own.findResource(EXTENSIONS_INDEX) : null;
        if (index == null) {
            causes.add("it has no " + EXTENSIONS_INDEX + ": PF4J's annotation processor did not run when it was "
                    + "compiled; name org.pf4j:pf4j in maven-compiler-plugin's <annotationProcessorPaths> "
                    + "(JDK 23+ runs no processor found only on the class path)");
            return causes;
        }
        for (String name : indexedClasses(index)) {
            try {
                Class<?> type = Class.forName(name, false, loader);
                if (!Protocol.class.isAssignableFrom(type) && implementsSomeProtocol(type)) {
                    causes.add("extension " + name + " implements a copy of dev.switchboard.api.Protocol from its own "
                            + "JAR, not the daemon's");
                }
            } catch (ClassNotFoundException | LinkageError e) {
                causes.add("extension " + name + " cannot be loaded (" + e + ")");
            }
        }
        return causes;
    }

    private static boolean implementsSomeProtocol(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(Protocol.class.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return up to three of the API's or PF4J's classes found in the plugin's own files */
    private static List<String> bundledHostClasses(Path path, ClassLoader loader) {
        List<String> found = new ArrayList<>();
        if (Files.isRegularFile(path)) {
            try (JarFile jar = new JarFile(path.toFile())) {
                jar.stream().map(ZipEntry::getName)
                        .filter(n -> n.endsWith(".class") && HOST_PACKAGES.stream().anyMatch(n::startsWith))
                        .limit(3).forEach(n -> found.add(n.substring(0, n.length() - 6).replace('/', '.')));
            } catch (IOException e) {
                // PF4J opened it already; an unreadable JAR is reported where it fails to load
            }
        } else if (loader instanceof URLClassLoader own) {
            for (String probe : List.of("dev/switchboard/api/Protocol.class", "org/pf4j/ExtensionPoint.class")) {
                if (own.findResource(probe) != null) {
                    found.add(probe.substring(0, probe.length() - 6).replace('/', '.'));
                }
            }
        }
        return found;
    }

    private static List<String> indexedClasses(URL index) {
        try (InputStream in = index.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
