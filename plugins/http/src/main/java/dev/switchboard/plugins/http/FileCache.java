package dev.switchboard.plugins.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Small hot files in memory, least recently used evicted first, with a bound on the bytes held. An
 * entry is used only while the file's size and modification time still match what was read, so a
 * changed file is reloaded on its next request. Thread-safe.
 */
final class FileCache {

    private record Entry(byte[] bytes, FileTime modified) {
    }

    private final long capacity;
    private final long maxFile;
    private final Map<Path, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long held;

    /**
     * @param capacity the most bytes held in total; 0 caches nothing
     * @param maxFile the largest file cached
     */
    FileCache(long capacity, long maxFile) {
        this.capacity = capacity;
        this.maxFile = Math.min(maxFile, capacity);
    }

    /** @return true when a file of this size is read through the cache rather than sent zero-copy */
    boolean accepts(long size) {
        return size <= maxFile;
    }

    /**
     * @param file a regular file's real path
     * @param attributes its attributes, just read
     * @return the file's bytes, from memory when unchanged since they were cached
     */
    byte[] read(Path file, BasicFileAttributes attributes) throws IOException {
        synchronized (this) {
            Entry entry = entries.get(file);
            if (entry != null && entry.bytes.length == attributes.size()
                    && entry.modified.equals(attributes.lastModifiedTime())) {
                return entry.bytes;
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length == attributes.size()) {
            put(file, new Entry(bytes, attributes.lastModifiedTime()));
        }
        return bytes;
    }

    private synchronized void put(Path file, Entry entry) {
        Entry old = entries.put(file, entry);
        held += entry.bytes.length - (old == null ? 0 : old.bytes.length);
        for (Iterator<Entry> it = entries.values().iterator(); held > capacity && it.hasNext(); ) {
            held -= it.next().bytes.length;
            it.remove();
        }
    }

    /** @return the bytes held now, for tests and metrics */
    synchronized long held() {
        return held;
    }
}
