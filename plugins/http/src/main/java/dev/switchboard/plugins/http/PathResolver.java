package dev.switchboard.plugins.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Finds the file a {@link TargetPath} names under the root, and refuses (404) anything whose real
 * path, after following symlinks, is outside the root or hidden.
 *
 * <p>Finding the real path costs a system call per path segment, so a successful resolution is
 * remembered for a second. Until then a request for the same path costs one {@code stat} of it
 * (symlinks followed): the remembered answer is used only while that names the very same file (device
 * and inode), of the same type, size and modification time; any difference, or a second gone by,
 * and the path is resolved and checked again from scratch. A symlink changed to point elsewhere thus
 * names another file and is checked at once.
 */
final class PathResolver {

    /**
     * A file or directory inside the root.
     *
     * @param path its real path (symlinks followed)
     * @param attributes what it is, its size and modification time
     */
    record Resolved(Path path, BasicFileAttributes attributes) {
    }

    /** What was found for a requested path, and when. */
    private record Remembered(Resolved resolved, long resolvedNanos) {
    }

    /** How long a resolution is trusted while its file looks unchanged. */
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Bounds the memory a client can make this take by asking for many different files. */
    private static final int MAX_REMEMBERED = 4096;

    private final Path root;
    private final boolean serveHidden;
    private final Map<Path, Remembered> remembered = new ConcurrentHashMap<>();

    /**
     * @param root the real path of the served directory
     * @param serveHidden whether dot-files may be served
     */
    PathResolver(Path root, boolean serveHidden) {
        this.root = root;
        this.serveHidden = serveHidden;
    }

    Path root() {
        return root;
    }

    /** @throws HttpError 404 when there is no such file inside the root, 400 when the name is unusable */
    Resolved resolve(TargetPath target) throws HttpError {
        if (!serveHidden && target.hidden()) {
            throw HttpError.of(404, "hidden file requested");
        }
        Path candidate = root;
        try {
            for (String segment : target.segments()) {
                candidate = candidate.resolve(segment);
            }
        } catch (InvalidPathException e) {
            throw HttpError.of(400, "request target is not a usable file name");
        }
        return resolve(candidate);
    }

    /** Resolves a path built under the root, e.g. a directory's index file. */
    Resolved resolve(Path candidate) throws HttpError {
        Remembered known = remembered.get(candidate);
        if (known != null && System.nanoTime() - known.resolvedNanos() < RECHECK_NANOS) {
            try {
                if (sameFile(known.resolved().attributes(), Files.readAttributes(candidate, BasicFileAttributes.class))) {
                    return known.resolved();
                }
            } catch (IOException | SecurityException e) {
                // gone or unreadable now: resolve again, which gives the right error
            }
        }
        Resolved resolved = resolveAfresh(candidate);
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(candidate, new Remembered(resolved, System.nanoTime()));
        return resolved;
    }

    /** @return true when both describe the same file, unchanged (false when the platform has no file keys) */
    private static boolean sameFile(BasicFileAttributes then, BasicFileAttributes now) {
        return then.fileKey() != null && then.fileKey().equals(now.fileKey())
                && then.isRegularFile() == now.isRegularFile() && then.isDirectory() == now.isDirectory()
                && then.size() == now.size() && then.lastModifiedTime().equals(now.lastModifiedTime());
    }

    /** The full check: the real path, symlinks followed, must be inside the root and not hidden. */
    private Resolved resolveAfresh(Path candidate) throws HttpError {
        Path real;
        BasicFileAttributes attributes;
        try {
            real = candidate.toRealPath();
            attributes = Files.readAttributes(real, BasicFileAttributes.class);
        } catch (IOException | SecurityException e) {
            throw HttpError.of(404, "no such file");
        }
        if (!real.startsWith(root)) {
            throw HttpError.of(404, "resolves outside the root");
        }
        if (!serveHidden) {
            for (Path name : root.relativize(real)) {
                if (name.toString().startsWith(".")) {
                    throw HttpError.of(404, "resolves to a hidden file");
                }
            }
        }
        return new Resolved(real, attributes);
    }
}
