package dev.switchboard.daemon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@code switchboard.yml} files for tests. */
public final class TestConfigs {

    private TestConfigs() {
    }

    /**
     * Writes the YAML as {@code switchboard.yml} in {@code dir}, after replacing {@code PLUGINS} with an
     * (existing) {@code plugins} directory in {@code dir}.
     *
     * @return the file
     */
    public static Path write(Path dir, String yaml) {
        try {
            Path plugins = Files.createDirectories(dir.resolve("plugins"));
            Path file = dir.resolve("switchboard.yml");
            Files.writeString(file, yaml.replace("PLUGINS", plugins.toString()));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
