package dev.switchboard.daemon.lifecycle;

import dev.switchboard.api.ServiceStatus.State;
import dev.switchboard.daemon.config.ConfigLoader;
import dev.switchboard.daemon.config.DaemonKeys;
import dev.switchboard.daemon.config.Key;
import dev.switchboard.daemon.config.ServiceConfig;
import dev.switchboard.daemon.config.YamlValue;
import dev.switchboard.daemon.plugin.PluginHost;
import dev.switchboard.daemon.plugin.ProtocolProvider;
import dev.switchboard.daemon.service.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a reload does to each service: the difference between the running services and a new
 * configuration with its freshly loaded plugins. A service is kept only when its settings (compared by
 * value, not by line) and its plugin (id, version and file) are both unchanged and it is running or
 * deliberately disabled; a failed one is always tried again.
 *
 * @param steps one per service of the new configuration, in its order
 * @param removed running services the new configuration no longer has
 */
record ReloadPlan(List<Step> steps, List<Service> removed) {

    /** What happens to one service of the new configuration. */
    enum Action { KEEP, ADD, REPLACE }

    /**
     * @param config the service's new configuration
     * @param old the running service it keeps or replaces
     * @param action what happens
     * @param why for a replacement, what changed
     */
    record Step(ServiceConfig config, Optional<Service> old, Action action, String why) {
    }

    static ReloadPlan of(List<Service> running, List<ServiceConfig> wanted, PluginHost plugins) {
        Map<String, Service> byName = new LinkedHashMap<>();
        running.forEach(s -> byName.put(s.name(), s));
        List<Step> steps = new ArrayList<>();
        for (ServiceConfig config : wanted) {
            Service old = byName.remove(config.name());
            if (old == null) {
                steps.add(new Step(config, Optional.empty(), Action.ADD, ""));
                continue;
            }
            List<String> changes = differences(old.config(), config);
            if (changes.isEmpty() && config.enabled()) {
                providerChange(old, plugins.protocol(config.protocol())).ifPresent(changes::add);
            }
            if (changes.isEmpty() && config.enabled()) {
                old.inputsChanged().ifPresent(changes::add);
            }
            if (changes.isEmpty() && old.state() == State.FAILED) {
                changes.add("it had failed (" + old.problem() + "): trying again");
            }
            steps.add(changes.isEmpty() ? new Step(config, Optional.of(old), Action.KEEP, "")
                    : new Step(config, Optional.of(old), Action.REPLACE, String.join("; ", changes)));
        }
        return new ReloadPlan(steps, List.copyOf(byName.values()));
    }

    /** @return the running services a reload takes away: removed and replaced ones */
    List<Service> outgoing() {
        List<Service> result = new ArrayList<>(removed);
        steps.stream().filter(s -> s.action() == Action.REPLACE).forEach(s -> result.add(s.old().orElseThrow()));
        return result;
    }

    private static Optional<String> providerChange(Service old, Optional<ProtocolProvider> now) {
        Optional<ProtocolProvider> before = old.provider();
        if (now.isEmpty()) {
            return Optional.of("no plugin provides protocol '" + old.config().protocol() + "' any more");
        }
        if (before.isEmpty() || before.get().sameOrigin(now.get())) {
            return Optional.empty();
        }
        ProtocolProvider b = before.get();
        ProtocolProvider n = now.get();
        if (!b.pluginId().equals(n.pluginId())) {
            return Optional.of("protocol now from plugin '" + n.pluginId() + "' instead of '" + b.pluginId() + "'");
        }
        return Optional.of(b.pluginVersion().equals(n.pluginVersion())
                ? "plugin '" + n.pluginId() + "' " + n.pluginVersion() + " was replaced by another file"
                : "plugin '" + n.pluginId() + "' updated from " + b.pluginVersion() + " to " + n.pluginVersion());
    }

    /** @return what differs, one phrase each; empty when the two configure the same service */
    static List<String> differences(ServiceConfig a, ServiceConfig b) {
        List<String> changes = new ArrayList<>();
        // The daemon's keys are compared by their effective values (a limit moved to defaults: is no
        // change); the rest belong to the plugin and are compared as written.
        for (Key<?> key : DaemonKeys.ofService()) {
            Object before = key.in(a);
            Object after = key.in(b);
            if (!before.equals(after)) {
                changes.add(key.name() + " " + key.text(before) + " -> " + key.text(after));
            }
        }
        Map<String, Object> before = plain(a.settings().values());
        Map<String, Object> after = plain(b.settings().values());
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        keys.removeIf(k -> ConfigLoader.SERVICE_KEYS.contains(k) || Objects.equals(before.get(k), after.get(k)));
        if (!keys.isEmpty()) {
            changes.add("plugin settings changed: " + String.join(", ", keys));
        }
        return changes;
    }

    /** @return the values without their line numbers, so moving a section in the file is no change */
    private static Map<String, Object> plain(Map<String, YamlValue> values) {
        Map<String, Object> result = new LinkedHashMap<>();
        values.forEach((k, v) -> result.put(k, plain(v)));
        return result;
    }

    private static Object plain(YamlValue value) {
        if (value == null || value.value() == null) {
            return null;
        }
        if (value.value() instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put((String) k, plain((YamlValue) v)));
            return result;
        }
        if (value.value() instanceof List<?> list) {
            return list.stream().map(v -> plain((YamlValue) v)).toList();
        }
        return value.value();
    }
}
