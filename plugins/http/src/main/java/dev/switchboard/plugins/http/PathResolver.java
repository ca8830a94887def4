package dev.switchboard.plugins.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Finds the file a {@link TargetPath} names under the root, and refuses (404) anything whose real
 * path, after following symlinks, is outside the root or hidden.
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

    private final Path root;
    private final boolean serveHidden;

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
