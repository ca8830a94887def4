package dev.switchboard.plugins.http;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Answers GET and HEAD for files under the root: directory redirects and index files, validators and
 * conditional requests, single byte ranges, small files from the cache and large ones zero-copy.
 */
final class FileResponder {

    private final PathResolver resolver;
    private final FileCache cache;
    private final String index;
    private final boolean listing;

    FileResponder(HttpConfig config) {
        this.resolver = new PathResolver(config.root(), config.serveHidden());
        this.cache = new FileCache(config.cacheSize(), config.cacheMaxFile());
        this.index = config.index();
        this.listing = config.directoryListing();
    }

    Response respond(Request request, TargetPath target) throws HttpError, IOException {
        PathResolver.Resolved found = resolver.resolve(target);
        if (found.attributes().isDirectory()) {
            if (!target.trailingSlash()) {
                String location = target.encoded() + "/" + target.query().map(q -> "?" + q).orElse("");
                return HttpStatus.errorPage(301).header("Location", location);
            }
            return directory(request, target, found.path());
        }
        if (!found.attributes().isRegularFile() || target.trailingSlash()) {
            throw HttpError.of(404, "not a regular file");
        }
        return file(request, found);
    }

    private Response directory(Request request, TargetPath target, Path directory) throws HttpError, IOException {
        PathResolver.Resolved indexFile;
        try {
            indexFile = resolver.resolve(directory.resolve(index));
        } catch (HttpError noIndex) {
            if (listing) {
                return DirectoryListing.render(resolver, directory, target);
            }
            throw noIndex;
        }
        if (!indexFile.attributes().isRegularFile()) {
            throw HttpError.of(404, "index is not a regular file");
        }
        return file(request, indexFile);
    }

    private Response file(Request request, PathResolver.Resolved found) throws HttpError, IOException {
        BasicFileAttributes attributes = found.attributes();
        Instant modified = attributes.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS);
        String etag = "\"" + Long.toHexString(attributes.size()) + "-"
                + Long.toHexString(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS)) + "\"";
        Conditions conditions = new Conditions(etag, modified);
        switch (conditions.evaluate(request.headers())) {
            case NOT_MODIFIED:
                return validators(Response.withoutBody(304), etag, modified);
            case FAILED:
                return HttpStatus.errorPage(412);
            default:
                break;
        }
        String type = MimeTypes.forName(found.path().getFileName().toString());
        byte[] bytes = null;
        FileChannel channel = null;
        long size;
        if (cache.accepts(attributes.size())) {
            bytes = cache.read(found.path(), attributes);
            size = bytes.length;
        } else {
            channel = FileChannel.open(found.path(), StandardOpenOption.READ);
            size = channel.size();
        }
        ByteRange.Outcome range = new ByteRange.Outcome(ByteRange.Kind.WHOLE, Optional.empty());
        if (request.method().equals("GET") && conditions.rangeApplies(request.headers())) {
            range = request.headers().first("range").map(r -> ByteRange.parse(r, size)).orElse(range);
        }
        if (range.kind() == ByteRange.Kind.UNSATISFIABLE) {
            if (channel != null) {
                channel.close();
            }
            return HttpStatus.errorPage(416).header("Content-Range", "bytes */" + size);
        }
        int status = range.kind() == ByteRange.Kind.PARTIAL ? 206 : 200;
        ByteRange part = range.range().orElse(new ByteRange(0, size - 1));
        Response response = channel != null
                ? Response.file(status, type, channel, part.first(), part.length())
                : Response.bytes(status, type, bytes, (int) part.first(), (int) part.length());
        if (status == 206) {
            response.header("Content-Range", "bytes " + part.first() + "-" + part.last() + "/" + size);
        }
        return validators(response, etag, modified).header("Accept-Ranges", "bytes");
    }

    private static Response validators(Response response, String etag, Instant modified) {
        return response.header("ETag", etag).header("Last-Modified", HttpDates.format(modified));
    }
}
