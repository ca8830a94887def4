package dev.switchboard.plugins.http;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Answers GET and HEAD for files under the root: directory redirects and index files, validators and
 * conditional requests, single byte ranges, small files from the cache and large ones zero-copy. Bytes
 * come only from the file {@link PathResolver} found and held open, never from a name looked up again.
 */
final class FileResponder implements AutoCloseable {

    private final PathResolver resolver;
    private final FileCache cache;
    private final String index;
    private final boolean listing;

    FileResponder(HttpConfig config) {
        this.resolver = new PathResolver(config.root(), config.serveHidden(), config.followSymlinks());
        this.cache = new FileCache(config.cacheSize(), config.cacheMaxFile());
        this.index = config.index();
        this.listing = config.directoryListing();
    }

    Response respond(Request request, TargetPath target) throws HttpError, IOException {
        try (Found found = resolver.resolve(target)) {
            if (found instanceof Found.Directory directory) {
                if (!target.trailingSlash()) {
                    String location = target.encoded() + "/" + target.query().map(q -> "?" + q).orElse("");
                    return HttpStatus.errorPage(301).header("Location", location);
                }
                return directory(request, target, directory);
            }
            if (target.trailingSlash()) {
                throw HttpError.of(404, "not a directory");
            }
            return file(request, (Found.File) found);
        }
    }

    private Response directory(Request request, TargetPath target, Found.Directory directory)
            throws HttpError, IOException {
        Path name = Path.of(index);
        BasicFileAttributes attributes;
        try {
            attributes = PathResolver.attributes(directory.handle(), name);
        } catch (IOException noIndex) {
            if (listing) {
                return DirectoryListing.render(resolver, directory, target);
            }
            throw HttpError.of(404, "no index file");
        }
        if (attributes.isRegularFile()) {
            return file(request, new Found.File(Found.Handle.borrowed(directory.handle()), name, attributes));
        }
        try (Found indexFile = resolver.resolve(directory, index)) {
            if (!(indexFile instanceof Found.File file)) {
                throw HttpError.of(404, "index is not a regular file");
            }
            return file(request, file);
        }
    }

    private Response file(Request request, Found.File found) throws HttpError, IOException {
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
        String type = MimeTypes.forName(found.name().toString());
        byte[] bytes = null;
        FileChannel channel = null;
        long size;
        if (cache.accepts(attributes.size())) {
            bytes = cache.read(found);
            size = bytes.length;
        } else {
            channel = found.open();
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

    /** Lets go of the served root once the requests in flight are done. */
    @Override
    public void close() {
        resolver.close();
    }

    private static Response validators(Response response, String etag, Instant modified) {
        return response.header("ETag", etag).header("Last-Modified", HttpDates.format(modified));
    }
}
