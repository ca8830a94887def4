package dev.switchboard.plugins.http;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One http service's validated settings.
 *
 * @param root the real path of the directory served
 * @param index the file served for a directory, e.g. {@code index.html}
 * @param serveHidden whether names starting with a dot may be served
 * @param followSymlinks whether a symlink whose real path is inside the root is followed (one leading
 *     out of the root never is)
 * @param directoryListing whether a directory without an index file is listed
 * @param headerTimeout the longest a client may take to send a request's head, counted from its first byte
 * @param keepAliveTimeout the longest an idle persistent connection waits for its next request
 * @param cacheSize the memory the small-file cache may hold, in bytes (0 turns it off)
 * @param cacheMaxFile the largest file the cache holds; bigger ones go out zero-copy
 * @param accessLog whether every request is logged to {@link AccessLog#LOGGER_NAME}
 */
record HttpConfig(
        Path root,
        String index,
        boolean serveHidden,
        boolean followSymlinks,
        boolean directoryListing,
        Duration headerTimeout,
        Duration keepAliveTimeout,
        long cacheSize,
        long cacheMaxFile,
        boolean accessLog) {

    /** RFC 9112 sets no limit; these are the issue's, generous for browsers and tight for abuse. */
    static final int MAX_REQUEST_LINE = 8 * 1024;
    static final int MAX_HEADER_BYTES = 32 * 1024;
    static final int MAX_HEADER_FIELDS = 100;
    /** A request body up to this size is read and dropped so the connection stays usable. */
    static final long MAX_DISCARDED_BODY = 64 * 1024;
}
