package dev.switchboard.daemon.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The files a service's protocol read when it opened (named by {@code Settings.path} or declared with
 * {@code ServiceContext.input}), as they were then: part of the service's identity, so that a reload
 * replaces a service whose files changed even though its settings did not. Directories are left out:
 * a protocol reads what is in them as it serves.
 */
final class ServiceInputs {

    /** A file as it was: identity (device and inode), size and modification time; absent: all null. */
    private record Seen(Path path, Object identity, long size, FileTime modified) {

        static Optional<Seen> of(Path path) {
            try {
                BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
                return a.isDirectory() ? Optional.empty()
                        : Optional.of(new Seen(path, a.fileKey(), a.size(), a.lastModifiedTime()));
            } catch (IOException | SecurityException e) {
                return Optional.of(new Seen(path, null, -1, null)); // absent now: its arrival is a change too
            }
        }

        boolean exists() {
            return size >= 0;
        }
    }

    static final ServiceInputs NONE = new ServiceInputs(List.of());

    private final List<Seen> files;

    private ServiceInputs(List<Seen> files) {
        this.files = files;
    }

    /** @return the files as they are now; directories among the paths are skipped */
    static ServiceInputs of(List<Path> paths) {
        List<Seen> seen = new ArrayList<>();
        for (Path path : paths) {
            Seen.of(path).ifPresent(seen::add);
        }
        return new ServiceInputs(List.copyOf(seen));
    }

    /** @return what changed since, as a reload reports it ("file conf/motd.txt changed"), or empty */
    Optional<String> changed() {
        List<String> changes = new ArrayList<>();
        for (Seen before : files) {
            Seen now = Seen.of(before.path()).orElse(null);
            if (now == null) {
                changes.add("file " + before.path() + " is now a directory");
            } else if (before.exists() != now.exists()) {
                changes.add("file " + before.path() + (now.exists() ? " appeared" : " is gone"));
            } else if (now.exists() && (!Objects.equals(before.identity(), now.identity())
                    || before.size() != now.size() || !before.modified().equals(now.modified()))) {
                changes.add("file " + before.path() + " changed");
            }
        }
        return changes.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", changes));
    }
}
