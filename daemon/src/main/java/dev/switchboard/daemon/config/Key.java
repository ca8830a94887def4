package dev.switchboard.daemon.config;

import dev.switchboard.api.ConfigException;
import java.util.Objects;
import java.util.function.Function;

/**
 * One key of the daemon's own configuration as {@link DaemonKeys} declares it: where it may be set, its
 * type, default and bounds, what a reload does with a change, and one line of doc. Reading the key
 * through {@link #read} is the one place its default and bounds are applied; the reload diff, the key
 * tables of docs/configuration.md and {@code switchboard schema} all read the same record.
 *
 * @param <T> the value's type
 * @param section where the key may be set
 * @param name the key as written in the file
 * @param type how its value is written and read
 * @param fallback the default, or null when it is computed or the key is required (see {@code defaultText})
 * @param defaultText the default as the documentation writes it
 * @param min the lowest value: for integers the value, for durations milliseconds
 * @param max the highest value, in the same unit
 * @param reload what a reload does when the value changes
 * @param doc one line for editors and {@code switchboard schema}
 * @param effective the key's effective value in a loaded configuration: in {@link DaemonSettings} for
 *     {@code daemon:} keys, in {@link ServiceConfig} for the others
 */
public record Key<T>(Section section, String name, ValueType<T> type, T fallback, String defaultText, long min,
                     long max, Reload reload, String doc, Function<Object, T> effective) {

    /** Where a key may be set. */
    public enum Section {
        /** In {@code daemon:}. */
        DAEMON,
        /** In {@code defaults:}, inherited by every service, and in a service. */
        INHERITED,
        /** In a service only. */
        SERVICE
    }

    /** What a reload does when a key's value changes. */
    public enum Reload {
        /** The new value is used from the reload on. */
        APPLIED,
        /** The services it concerns are replaced: a new one takes over the socket, old clients get shutdown-grace. */
        REPLACES_SERVICE,
        /** Only a restart applies it; a reload logs that and keeps the old value. */
        RESTART
    }

    public Key {
        Objects.requireNonNull(section);
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        Objects.requireNonNull(defaultText);
        Objects.requireNonNull(reload);
        Objects.requireNonNull(effective);
    }

    /**
     * @param section the mapping to read from
     * @param inherited the value when the key is not set: the key's default, or what {@code defaults:} or
     *     {@code daemon:} gave
     * @return the value, within the key's bounds
     * @throws ConfigException naming the key when the value is wrong
     */
    public T read(YamlSettings section, T inherited) throws ConfigException {
        return type.read(section, this, inherited);
    }

    /** @return the value with the key's own default */
    public T read(YamlSettings section) throws ConfigException {
        return read(section, fallback);
    }

    /** @return the value as a reload message or the documentation writes it */
    public String text(Object value) {
        @SuppressWarnings("unchecked")
        T typed = (T) value;
        return type.text(typed);
    }

    /** @return the key's effective value in {@code holder} (a DaemonSettings or a ServiceConfig) */
    public T in(Object holder) {
        return effective.apply(holder);
    }
}
