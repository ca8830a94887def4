package dev.switchboard.plugins.http;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An HTML list of a directory's entries (when {@code directory-listing: true}), names escaped. */
final class DirectoryListing {

    /** A bound on work and page size for huge directories. */
    static final int MAX_ENTRIES = 5000;

    private DirectoryListing() {
    }

    /** Lists the directory handle that was found, so the entries are those of the directory checked. */
    static Response render(PathResolver resolver, Found.Directory directory, TargetPath target) {
        List<String> names = new ArrayList<>();
        for (Path entry : directory.handle()) {
            if (names.size() == MAX_ENTRIES) {
                break;
            }
            String name = entry.getFileName().toString();
            // Only what a request could fetch: nothing hidden, nothing linking out of the root.
            if (resolver.servable(name)) {
                kind(resolver, directory, name).ifPresent(dir -> names.add(dir ? name + "/" : name));
            }
        }
        names.sort(null);
        String title = Html.escape(target.segments().isEmpty() ? "/" : "/" + String.join("/", target.segments()) + "/");
        StringBuilder html = new StringBuilder(256 + names.size() * 64);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Index of ")
                .append(title).append("</title></head>\n<body><h1>Index of ").append(title).append("</h1>\n<ul>\n");
        if (!target.segments().isEmpty()) {
            html.append("<li><a href=\"../\">../</a></li>\n");
        }
        for (String name : names) {
            boolean dir = name.endsWith("/");
            String bare = dir ? name.substring(0, name.length() - 1) : name;
            html.append("<li><a href=\"").append(TargetPath.encode(bare)).append(dir ? "/" : "").append("\">")
                    .append(Html.escape(name)).append("</a></li>\n");
        }
        html.append("</ul></body></html>\n");
        return Response.text(200, "text/html; charset=utf-8", html.toString());
    }

    /** @return whether the entry is a directory, or empty when a request for it would not be served */
    private static Optional<Boolean> kind(PathResolver resolver, Found.Directory directory, String name) {
        try {
            BasicFileAttributes attributes = PathResolver.attributes(directory.handle(), Path.of(name));
            if (attributes.isDirectory() || attributes.isRegularFile()) {
                return Optional.of(attributes.isDirectory());
            }
            if (!attributes.isSymbolicLink()) {
                return Optional.empty();
            }
            try (Found found = resolver.resolve(directory, name)) {
                return Optional.of(found instanceof Found.Directory);
            }
        } catch (IOException | InvalidPathException | HttpError unservable) {
            return Optional.empty();
        }
    }
}
