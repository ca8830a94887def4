package dev.switchboard.plugins.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the resolver hands back is what it found: symlinks inside the root are followed only when
 * allowed, never out of it, and a name changed after the lookup cannot change what is opened.
 */
class PathResolverTest {

    @TempDir
    Path dir;

    private Path root() throws Exception {
        return Files.createDirectories(dir.resolve("root")).toRealPath();
    }

    private static Path file(Path path, String content) throws Exception {
        Files.createDirectories(path.getParent());
        return Files.writeString(path, content);
    }

    private static String read(Found found) throws Exception {
        try (FileChannel channel = assertInstanceOf(Found.File.class, found).open()) {
            ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
            channel.read(buffer);
            return new String(buffer.array(), StandardCharsets.UTF_8);
        }
    }

    private static int status(PathResolver resolver, String target) {
        return assertThrows(HttpError.class, () -> resolver.resolve(TargetPath.parse(target)).close()).status();
    }

    @Test
    void followsSymlinksInsideTheRootOnlyWhenAllowed() throws Exception {
        Path root = root();
        file(root.resolve("d/page.txt"), "public");
        Files.createSymbolicLink(root.resolve("link.txt"), root.resolve("d/page.txt"));
        Files.createSymbolicLink(root.resolve("alias"), Path.of("d"));
        PathResolver following = new PathResolver(root, false, true);
        try (Found found = following.resolve(TargetPath.parse("/link.txt"))) {
            assertEquals("public", read(found));
        }
        try (Found found = following.resolve(TargetPath.parse("/alias/page.txt"))) {
            assertEquals("public", read(found));
        }
        PathResolver strict = new PathResolver(root, false, false);
        assertEquals(404, status(strict, "/link.txt"));
        assertEquals(404, status(strict, "/alias/page.txt"));
    }

    @Test
    void neverFollowsASymlinkOutOfTheRoot() throws Exception {
        Path root = root();
        Path secret = file(dir.resolve("outside/secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("out.txt"), secret);
        Files.createSymbolicLink(root.resolve("out"), secret.getParent());
        PathResolver resolver = new PathResolver(root, false, true);
        assertEquals(404, status(resolver, "/out.txt"));
        assertEquals(404, status(resolver, "/out/secret.txt"));
    }

    @Test
    void refusesASymlinkToAHiddenFileInsideTheRoot() throws Exception {
        Path root = root();
        Path hidden = file(root.resolve(".private/page.txt"), "private");
        Files.createSymbolicLink(root.resolve("page.txt"), hidden);
        assertEquals(404, status(new PathResolver(root, false, true), "/page.txt"));
    }

    @Test
    void opensTheFileThatWasFoundEvenWhenItsNameIsSwappedForAnOutsideLinkAfterwards() throws Exception {
        Path root = root();
        Path page = file(root.resolve("d/page.txt"), "public");
        Path secret = file(dir.resolve("outside/secret.txt"), "secret");
        PathResolver resolver = new PathResolver(root, false, true);
        try (Found found = resolver.resolve(TargetPath.parse("/d/page.txt"))) {
            Files.delete(page);
            Files.createSymbolicLink(page, secret);
            // openat with O_NOFOLLOW in the directory handle found: the link is refused, not followed
            assertThrows(java.io.IOException.class, () -> read(found));
        }
    }

    @Test
    void keepsServingTheDirectoryFoundWhenItIsSwappedForAnOutsideLink() throws Exception {
        Path root = root();
        file(root.resolve("d/page.txt"), "public");
        file(dir.resolve("outside/page.txt"), "secret");
        PathResolver resolver = new PathResolver(root, false, true);
        try (Found found = resolver.resolve(TargetPath.parse("/d/"))) {
            Files.move(root.resolve("d"), root.resolve("moved"));
            Files.createSymbolicLink(root.resolve("d"), dir.resolve("outside"));
            Found.Directory directory = assertInstanceOf(Found.Directory.class, found);
            Path name = Path.of("page.txt");
            Found.File page = new Found.File(Found.Handle.borrowed(directory.handle()), name, PathResolver.attributes(directory.handle(), name));
            assertEquals("public", read(page));
        }
        assertEquals(404, status(resolver, "/d/page.txt"));
    }
}
