package dev.switchboard.plugins.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Requests answered by one http service, by status code. Thread-safe. */
final class RequestCounter {

    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

    void count(int status) {
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    /** @return the counts so far, by status, in ascending order */
    Map<Integer, Long> snapshot() {
        Map<Integer, Long> copy = new TreeMap<>();
        byStatus.forEach((status, count) -> copy.put(status, count.sum()));
        return copy;
    }
}
