package dev.switchboard.plugins.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Small hot files in memory, least recently used evicted first, with a bound on the bytes held. An
 * entry is keyed by the file's identity (device and inode), never its name, and used only while that
 * file's size and modification time still match what was read, so a changed file is reloaded on its
 * next request. A miss reads the file through the channel {@link Found.File#open()} opened, never by
 * name again. Thread-safe.
 */
final class FileCache {

    private record Entry(byte[] bytes, FileTime modified) {
    }

    private final long capacity;
    private final long maxFile;
    private final Map<Object, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
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
     * @param file a regular file found under the root
     * @return the file's bytes, from memory when that very file is unchanged since they were cached
     */
    byte[] read(Found.File file) throws IOException {
        BasicFileAttributes attributes = file.attributes();
        Object key = attributes.fileKey();
        synchronized (this) {
            Entry entry = key == null ? null : entries.get(key);
            if (entry != null && entry.bytes.length == attributes.size()
                    && entry.modified.equals(attributes.lastModifiedTime())) {
                return entry.bytes;
            }
        }
        byte[] bytes;
        try (FileChannel channel = file.open()) {
            bytes = readAll(channel, attributes.size());
        }
        if (key != null && bytes.length == attributes.size()) {
            put(key, new Entry(bytes, attributes.lastModifiedTime()));
        }
        return bytes;
    }

    /** Reads what the open file holds, at most the size looked up (a file growing meanwhile is cut there). */
    private static byte[] readAll(FileChannel channel, long looked) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), looked));
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // until full, or the end of a file that shrank meanwhile
        }
        return buffer.position() == buffer.capacity() ? buffer.array() : Arrays.copyOf(buffer.array(), buffer.position());
    }

    private synchronized void put(Object key, Entry entry) {
        Entry old = entries.put(key, entry);
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
