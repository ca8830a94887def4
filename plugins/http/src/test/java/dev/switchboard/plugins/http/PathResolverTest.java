package dev.switchboard.plugins.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remembered resolution is never trusted once the path names another file: symlinks moved out of the
 * root, directories swapped for links, and deleted files are all checked again at once, even when the
 * file now named looks the same (same size and modification time).
 */
class PathResolverTest {

    private static final FileTime SAME_TIME = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

    @TempDir
    Path dir;

    private Path root() throws Exception {
        return Files.createDirectories(dir.resolve("root")).toRealPath();
    }

    private static Path file(Path path, String content) throws Exception {
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
        Files.setLastModifiedTime(path, SAME_TIME);
        return path;
    }

    @Test
    void refusesSymlinkRetargetedOutsideTheRootStraightAway() throws Exception {
        Path root = root();
        file(root.resolve("inside.txt"), "public");
        Path secret = file(dir.resolve("outside/secret.txt"), "secret");
        Path link = Files.createSymbolicLink(root.resolve("link.txt"), root.resolve("inside.txt"));
        PathResolver resolver = new PathResolver(root, false);
        assertEquals(root.resolve("inside.txt"), resolver.resolve(link).path());

        Files.delete(link);
        Files.createSymbolicLink(link, secret);
        assertEquals(404, assertThrows(HttpError.class, () -> resolver.resolve(link)).status());
    }

    @Test
    void refusesDirectorySwappedForSymlinkOutsideTheRootStraightAway() throws Exception {
        Path root = root();
        Path inside = file(root.resolve("d/page.txt"), "public");
        file(dir.resolve("outside/page.txt"), "secret");
        PathResolver resolver = new PathResolver(root, false);
        assertEquals(inside, resolver.resolve(root.resolve("d").resolve("page.txt")).path());

        Files.delete(inside);
        Files.delete(root.resolve("d"));
        Files.createSymbolicLink(root.resolve("d"), dir.resolve("outside"));
        assertEquals(404, assertThrows(HttpError.class,
                () -> resolver.resolve(root.resolve("d").resolve("page.txt"))).status());
    }

    @Test
    void forgetsDeletedFileAndFindsItsReplacement() throws Exception {
        Path root = root();
        Path page = file(root.resolve("page.txt"), "first");
        PathResolver resolver = new PathResolver(root, false);
        resolver.resolve(page);

        Files.delete(page);
        assertEquals(404, assertThrows(HttpError.class, () -> resolver.resolve(page)).status());
        file(root.resolve("other.txt"), "again");
        Files.move(root.resolve("other.txt"), page);
        assertEquals(page, resolver.resolve(page).path());
    }

    @Test
    void refusesFileRenamedHiddenBehindItsOldNameOnceTheSecondIsOver() throws Exception {
        Path root = root();
        Path page = file(root.resolve("page.txt"), "public");
        PathResolver resolver = new PathResolver(root, false);
        resolver.resolve(page);

        Files.createDirectories(root.resolve(".private"));
        Files.move(page, root.resolve(".private/page.txt"));
        Files.createSymbolicLink(page, root.resolve(".private/page.txt"));
        long deadline = System.nanoTime() + 5_000_000_000L;
        int status = 200;
        while (status != 404 && System.nanoTime() < deadline) {
            try {
                resolver.resolve(page);
                LockSupport.parkNanos(10_000_000);
            } catch (HttpError e) {
                status = e.status();
            }
        }
        assertEquals(404, status, "the same file under a hidden name is refused within the recheck interval");
    }
}
