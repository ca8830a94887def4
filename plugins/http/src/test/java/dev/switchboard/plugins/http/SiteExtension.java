package dev.switchboard.plugins.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link TestSite} (and its daemon) per test class, in a temp directory removed afterwards.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SiteExtension SITE = new SiteExtension(Map.of("header-timeout", "1s"));
 * }</pre>
 */
final class SiteExtension implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, String> settings;
    private Path directory;
    private TestSite site;

    SiteExtension(Map<String, String> settings) {
        this.settings = settings;
    }

    SiteExtension() {
        this(Map.of());
    }

    TestSite site() {
        return site;
    }

    int port() {
        return site.port();
    }

    /** @return the temp directory holding the root, the secrets outside it and the configuration */
    Path directory() {
        return directory;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        directory = Files.createTempDirectory("switchboard-http-test");
        site = new TestSite(directory, settings);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (site != null) {
            site.close();
        }
        // Deepest first; symlinks are deleted, never followed.
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
