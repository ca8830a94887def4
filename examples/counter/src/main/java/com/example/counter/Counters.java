package com.example.counter;

import dev.switchboard.api.StatusSource;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The plugin's counters, shared by all its clients' threads (and its services): a concurrent map of
 * atomic longs, so two clients incrementing the same name at once both count. Bounded by the caller,
 * since names come from clients.
 */
final class Counters implements StatusSource {

    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();

    /** @return the new value, or empty when {@code name} is new and there are {@code max} counters already */
    OptionalLong increment(String name, int max) {
        AtomicLong value = values.get(name);
        if (value == null) {
            synchronized (this) {
                if (!values.containsKey(name) && values.size() >= max) {
                    return OptionalLong.empty();
                }
                value = values.computeIfAbsent(name, n -> new AtomicLong());
            }
        }
        return OptionalLong.of(value.incrementAndGet());
    }

    long get(String name) {
        AtomicLong value = values.get(name);
        return value == null ? 0 : value.get();
    }

    /** @return every counter, by name */
    Map<String, Long> values() {
        Map<String, Long> copy = new TreeMap<>();
        values.forEach((name, value) -> copy.put(name, value.get()));
        return copy;
    }

    @Override
    public String name() {
        return "counters";
    }

    /** What the admin dashboard and status.json show, to clients this service would admit. */
    @Override
    public Map<String, Object> snapshot() {
        return Map.of("counters", values());
    }
}
