package dev.switchboard.plugins.http;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An HTML list of a directory's entries (when {@code directory-listing: true}), names escaped. */
final class DirectoryListing {

    /** A bound on work and page size for huge directories. */
    static final int MAX_ENTRIES = 5000;

    private DirectoryListing() {
    }

    static Response render(PathResolver resolver, Path directory, TargetPath target) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (names.size() == MAX_ENTRIES) {
                    break;
                }
                try {
                    // Only what a request could fetch: nothing hidden, nothing linking out of the root.
                    PathResolver.Resolved found = resolver.resolve(entry);
                    String name = entry.getFileName().toString();
                    names.add(found.attributes().isDirectory() ? name + "/" : name);
                } catch (HttpError unservable) {
                    // left out of the listing
                }
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
}
