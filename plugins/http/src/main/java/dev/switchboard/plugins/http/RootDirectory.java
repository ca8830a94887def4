package dev.switchboard.plugins.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The served root, held open for the service's life, so that a request's race-free walk starts from a
 * handle it did not have to open: a small file then costs one {@code fstatat}, not an open, a dup, an
 * {@code fdopendir} and two closes as well.
 *
 * <p>A root replaced by name ({@code mv www.new www}, a deploy) is noticed within a second: at most
 * once a second a request looks the root's path up again, and when its identity (device and inode)
 * changed, the new directory is opened and the old handle closed once its last request is done.
 * Thread-safe.
 */
final class RootDirectory implements AutoCloseable {

    /** How stale the held handle may be after the root is replaced. */
    static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Path path;
    private final LongSupplier nanoClock;
    private Opened current;
    private long checkedAt;
    private boolean closed;

    /** @param path the real path of the served directory */
    RootDirectory(Path path) {
        this(path, System::nanoTime);
    }

    RootDirectory(Path path, LongSupplier nanoClock) {
        this.path = path;
        this.nanoClock = nanoClock;
    }

    /**
     * @return the root's handle, held until {@link Found.Handle#release()}
     * @throws IOException when the root is gone or cannot be opened
     */
    synchronized Found.Handle acquire() throws IOException {
        if (closed) {
            throw new IOException("service closed");
        }
        long now = nanoClock.getAsLong();
        if (current == null || now - checkedAt >= RECHECK_NANOS) {
            checkedAt = now;
            refresh();
        }
        Opened opened = current;
        opened.users++;
        return new Found.Handle(opened.stream, () -> release(opened));
    }

    /** Opens the root again when its path now names another directory (or it was never opened). */
    private void refresh() throws IOException {
        Object identity;
        try {
            identity = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            retire();
            throw e;
        }
        if (current != null && Objects.equals(identity, current.identity) && identity != null) {
            return;
        }
        SecureDirectoryStream<Path> stream = (SecureDirectoryStream<Path>) Files.newDirectoryStream(path);
        retire();
        current = new Opened(stream, identity);
    }

    private void retire() {
        if (current != null) {
            release(current);
            current = null;
        }
    }

    private synchronized void release(Opened opened) {
        if (--opened.users == 0) {
            PathResolver.close(opened.stream);
        }
    }

    /** Closes the handle once the requests still using it are done; later requests fail. */
    @Override
    public synchronized void close() {
        closed = true;
        retire();
    }

    /** One open handle of the root; the root's own reference counts as a user until it is replaced. */
    private static final class Opened {
        final SecureDirectoryStream<Path> stream;
        final Object identity;
        int users = 1;

        Opened(SecureDirectoryStream<Path> stream, Object identity) {
            this.stream = stream;
            this.identity = identity;
        }
    }
}
