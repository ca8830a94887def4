package dev.switchboard.plugins.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small-file cache stays within its memory bound and never serves a changed file's old bytes. */
class FileCacheTest {

    @TempDir
    Path dir;

    private byte[] read(FileCache cache, Path file) throws Exception {
        try (SecureDirectoryStream<Path> parent = (SecureDirectoryStream<Path>) Files.newDirectoryStream(dir)) {
            Path name = file.getFileName();
            return cache.read(new Found.File(Found.Handle.borrowed(parent), name, PathResolver.attributes(parent, name)));
        }
    }

    @Test
    void holdsNoMoreThanItsCapacityEvictingLeastRecentlyUsed() throws Exception {
        FileCache cache = new FileCache(100, 60);
        Path a = Files.write(dir.resolve("a"), new byte[40]);
        Path b = Files.write(dir.resolve("b"), new byte[40]);
        Path c = Files.write(dir.resolve("c"), new byte[40]);
        byte[] first = read(cache, a);
        read(cache, b);
        assertSame(first, read(cache, a), "a hit returns the cached bytes");
        read(cache, c);
        assertEquals(80, cache.held());
        assertSame(first, read(cache, a), "b, least recently used, went instead of a");
        assertFalse(cache.accepts(61));
        assertTrue(cache.accepts(60));
    }

    @Test
    void rereadsAFileThatChanged() throws Exception {
        FileCache cache = new FileCache(1000, 100);
        Path file = Files.writeString(dir.resolve("f"), "old");
        assertEquals("old", new String(read(cache, file)));
        Files.writeString(file, "new");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        assertEquals("new", new String(read(cache, file)));
        assertEquals(3, cache.held());
    }

    @Test
    void zeroCapacityCachesNothing() throws Exception {
        FileCache cache = new FileCache(0, 256 * 1024);
        assertFalse(cache.accepts(1));
    }
}
