package dev.switchboard.plugins.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedDirectoryStreamException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The served root is held open across requests, yet a root replaced by name (a deploy's
 * {@code mv www.new www}) is served within a second, and a handle still in use is not closed under it.
 */
class RootDirectoryTest {

    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong();

    private Path site(String name, String content) throws Exception {
        Path site = Files.createDirectories(dir.resolve(name));
        Files.writeString(site.resolve("page.txt"), content);
        return site;
    }

    private static String page(Found.Handle root) throws IOException {
        try (FileChannel channel = new Found.File(Found.Handle.borrowed(root.stream()), Path.of("page.txt"),
                PathResolver.attributes(root.stream(), Path.of("page.txt"))).open()) {
            ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
            channel.read(buffer);
            return new String(buffer.array(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aRootReplacedByNameIsServedOnceTheRecheckIsDueAndTheOldHandleClosesWhenItsRequestEnds() throws Exception {
        Path www = site("www", "old");
        try (RootDirectory root = new RootDirectory(www.toRealPath(), nanos::get)) {
            Found.Handle first = root.acquire();
            assertEquals("old", page(first));
            site("www.new", "new");
            Files.move(www, dir.resolve("www.old"));
            Files.move(dir.resolve("www.new"), www);

            nanos.addAndGet(RootDirectory.RECHECK_NANOS / 2);
            Found.Handle soon = root.acquire();
            assertEquals("old", page(soon), "within the recheck interval the held handle serves");
            soon.release();

            nanos.addAndGet(RootDirectory.RECHECK_NANOS);
            Found.Handle later = root.acquire();
            assertEquals("new", page(later), "the replaced root is served after the recheck");
            assertEquals("old", page(first), "a request still holding the old handle finishes on it");
            first.release();
            assertThrows(ClosedDirectoryStreamException.class, () -> page(first), "the old handle is closed");
            later.release();
        }
    }

    @Test
    void aRootThatGoesAwayIsNotFoundAndIsServedAgainWhenItComesBack() throws Exception {
        Path www = site("www", "first");
        Path real = www.toRealPath();
        try (RootDirectory root = new RootDirectory(real, nanos::get)) {
            root.acquire().release();
            Files.move(www, dir.resolve("gone"));
            nanos.addAndGet(RootDirectory.RECHECK_NANOS);
            assertThrows(IOException.class, root::acquire);
            site("www", "back");
            nanos.addAndGet(RootDirectory.RECHECK_NANOS);
            Found.Handle handle = root.acquire();
            assertEquals("back", page(handle));
            handle.release();
        }
    }

    @Test
    void requestsShareOneHandleAndAClosedRootRefusesNewOnes() throws Exception {
        Path www = site("www", "x");
        RootDirectory root = new RootDirectory(www.toRealPath(), nanos::get);
        List<Found.Handle> held = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            held.add(root.acquire());
        }
        assertTrue(held.stream().allMatch(h -> h.stream() == held.get(0).stream()), "one open root for all");
        root.close();
        assertThrows(IOException.class, root::acquire);
        assertEquals("x", page(held.get(99)), "in-flight requests keep their handle past close");
        held.forEach(Found.Handle::release);
        assertThrows(ClosedDirectoryStreamException.class, () -> page(held.get(0)));
    }

    @Test
    void theRootIsListedAsOftenAsAskedThoughItsHandleIsShared() throws Exception {
        Path www = site("www", "x");
        try (PathResolver resolver = new PathResolver(www.toRealPath(), false, true)) {
            for (int i = 0; i < 3; i++) {
                try (Found found = resolver.resolve(TargetPath.parse("/"))) {
                    Found.Directory root = assertInstanceOf(Found.Directory.class, found);
                    List<String> names = new ArrayList<>();
                    root.handle().forEach(p -> names.add(p.getFileName().toString()));
                    assertEquals(List.of("page.txt"), names);
                }
            }
        }
    }
}
