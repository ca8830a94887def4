package dev.switchboard.plugins.http;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;

/**
 * What {@link PathResolver} found under the root, held open so that what is served is what was found.
 * Closing it lets go of the directory handle.
 */
sealed interface Found extends AutoCloseable {

    @Override
    void close();

    /**
     * A directory held for one request, and what letting go of it means: closing a directory the
     * request opened, or handing the shared root back to {@link RootDirectory}.
     *
     * @param stream the directory, open
     * @param onRelease what {@link #release()} does
     */
    record Handle(SecureDirectoryStream<Path> stream, Runnable onRelease) {

        /** @return a handle the request opened itself: releasing it closes it */
        static Handle owned(SecureDirectoryStream<Path> stream) {
            return new Handle(stream, () -> PathResolver.close(stream));
        }

        /** @return a handle someone else keeps open and closes: releasing it does nothing */
        static Handle borrowed(SecureDirectoryStream<Path> stream) {
            return new Handle(stream, () -> { });
        }

        void release() {
            onRelease.run();
        }
    }

    /**
     * An open directory.
     *
     * @param handle the directory, open
     * @param segments its path under the root, as walked
     */
    record Directory(SecureDirectoryStream<Path> handle, List<String> segments) implements Found {
        @Override
        public void close() {
            PathResolver.close(handle);
        }
    }

    /**
     * A regular file, named within its open parent directory.
     *
     * @param parent the directory holding it, held open
     * @param name its name there
     * @param attributes its size, modification time and identity (device and inode), read just now
     */
    record File(Handle parent, Path name, BasicFileAttributes attributes) implements Found {

        /** Opens the file itself ({@code openat} with {@code O_NOFOLLOW}): a symlink put there meanwhile fails. */
        FileChannel open() throws IOException {
            return (FileChannel) parent.stream().newByteChannel(name,
                    Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        }

        @Override
        public void close() {
            parent.release();
        }
    }
}
