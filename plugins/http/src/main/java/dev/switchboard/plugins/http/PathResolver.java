package dev.switchboard.plugins.http;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds what a {@link TargetPath} names under the root without a race: each segment is looked up
 * ({@code fstatat}) and opened ({@code openat}) relative to the directory opened before it, never
 * following a symlink, starting from the root. Whatever is opened is therefore inside the root, even
 * when names are swapped while a request is served (nginx's {@code disable_symlinks on}).
 *
 * <p>With {@code follow-symlinks}, a symlink met on the way is resolved by name, and when its real
 * path is inside the root (and not hidden) that real path is walked again from the root, still never
 * following a symlink: a link retargeted out of the root in between makes the walk fail (404), so it
 * cannot widen what is served.
 */
final class PathResolver implements AutoCloseable {

    private final Path rootPath;
    private final RootDirectory root;
    private final boolean serveHidden;
    private final boolean followSymlinks;

    /**
     * @param root the real path of the served directory
     * @param serveHidden whether dot-files may be served
     * @param followSymlinks whether symlinks whose real path is inside the root are followed
     */
    PathResolver(Path root, boolean serveHidden, boolean followSymlinks) {
        this.rootPath = root;
        this.root = new RootDirectory(root);
        this.serveHidden = serveHidden;
        this.followSymlinks = followSymlinks;
    }

    /** @return true when this platform opens files relative to directory handles (Linux, macOS) */
    static boolean supported(Path root) throws IOException {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(root)) {
            return stream instanceof SecureDirectoryStream;
        }
    }

    /**
     * @return the open directory or file found; the caller closes it
     * @throws HttpError 404 when there is no such file inside the root, 400 when the name is unusable
     */
    Found resolve(TargetPath target) throws HttpError {
        if (!serveHidden && target.hidden()) {
            throw HttpError.of(404, "hidden file requested");
        }
        return walk(target.segments(), followSymlinks);
    }

    /**
     * @return the entry {@code name} of a directory found before, walked afresh from the root (for the
     *     rare index file that is not a plain file in its directory)
     */
    Found resolve(Found.Directory directory, String name) throws HttpError {
        List<String> segments = new ArrayList<>(directory.segments());
        segments.add(name);
        return walk(segments, followSymlinks);
    }

    /** Lets go of the root's handle once the requests in flight are done. */
    @Override
    public void close() {
        root.close();
    }

    /** @return false for a dot-file name when dot-files are not served */
    boolean servable(String name) {
        return serveHidden || !name.startsWith(".");
    }

    private Found walk(List<String> segments, boolean follow) throws HttpError {
        Found.Handle dir;
        try {
            dir = root.acquire();
        } catch (IOException | SecurityException | ClassCastException e) {
            throw HttpError.of(404, "root not readable");
        }
        return step(dir, segments, 0, follow);
    }

    /**
     * Looks up {@code segments[i]} in {@code dir} (which it releases) and goes on down to the last one;
     * no segments at all name the root itself.
     */
    private Found step(Found.Handle dir, List<String> segments, int i, boolean follow) throws HttpError {
        try {
            while (true) {
                if (segments.isEmpty()) {
                    // A listing iterates its handle, which a stream allows once: the root's own is shared.
                    return new Found.Directory(open(dir, Path.of(".")), List.of());
                }
                Path name = name(segments.get(i));
                BasicFileAttributes attributes = attributes(dir.stream(), name);
                if (attributes.isSymbolicLink()) {
                    if (!follow) {
                        throw HttpError.of(404, "symlink not followed");
                    }
                    dir.release();
                    dir = null;
                    return walk(realSegments(segments), false);
                }
                boolean last = i == segments.size() - 1;
                if (last && !attributes.isDirectory()) {
                    if (!attributes.isRegularFile()) {
                        throw HttpError.of(404, "not a regular file");
                    }
                    Found found = new Found.File(dir, name, attributes);
                    dir = null;
                    return found;
                }
                if (!attributes.isDirectory()) {
                    throw HttpError.of(404, "not a directory");
                }
                SecureDirectoryStream<Path> next = open(dir, name);
                dir.release();
                dir = null;
                if (last) {
                    return new Found.Directory(next, List.copyOf(segments));
                }
                dir = Found.Handle.owned(next);
                i++;
            }
        } catch (IOException | SecurityException e) {
            throw HttpError.of(404, "no such file");
        } finally {
            if (dir != null) {
                dir.release();
            }
        }
    }

    /** Opens the directory {@code name} in {@code dir} ({@code openat}, {@code O_NOFOLLOW}). */
    private static SecureDirectoryStream<Path> open(Found.Handle dir, Path name) throws IOException {
        return dir.stream().newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
    }

    /** The segments of the real path of a path with a symlink in it, when inside the root and not hidden. */
    private List<String> realSegments(List<String> segments) throws HttpError {
        Path real;
        try {
            real = rootPath.resolve(String.join("/", segments)).toRealPath();
        } catch (IOException | SecurityException | InvalidPathException e) {
            throw HttpError.of(404, "no such file");
        }
        if (!real.startsWith(rootPath)) {
            throw HttpError.of(404, "resolves outside the root");
        }
        List<String> names = new ArrayList<>();
        for (Path name : rootPath.relativize(real)) {
            if (!serveHidden && name.toString().startsWith(".")) {
                throw HttpError.of(404, "resolves to a hidden file");
            }
            if (!name.toString().isEmpty()) {
                names.add(name.toString());
            }
        }
        return names;
    }

    /** @return what {@code name} is in {@code dir} itself, a symlink not followed */
    static BasicFileAttributes attributes(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        return dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .readAttributes();
    }

    private static Path name(String segment) throws HttpError {
        try {
            return Path.of(segment);
        } catch (InvalidPathException e) {
            throw HttpError.of(400, "request target is not a usable file name");
        }
    }

    static void close(DirectoryStream<Path> dir) {
        try {
            dir.close();
        } catch (IOException e) {
            // closing a directory handle has nothing to flush
        }
    }
}
