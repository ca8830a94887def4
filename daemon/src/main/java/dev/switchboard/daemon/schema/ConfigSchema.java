package dev.switchboard.daemon.schema;

import static dev.switchboard.daemon.config.SchemaTypes.object;

import dev.switchboard.daemon.config.ConfigLoader;
import dev.switchboard.daemon.config.DaemonKeys;
import dev.switchboard.daemon.config.Key;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON Schema (2020-12) of a whole {@code switchboard.yml}: the daemon's keys from {@link DaemonKeys}
 * and, for each protocol, the keys its plugin reads. A service's protocol is its {@code protocol:} or,
 * without one, its name, so a service named after a known protocol gets that protocol's keys; a protocol
 * no loaded plugin provides allows any key, since the schema cannot know them.
 */
public final class ConfigSchema {

    /** Where the schema says it comes from. */
    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private ConfigSchema() {
    }

    /**
     * @param protocols each loaded protocol's keys with their schemas, as {@link ProtocolKeys} learnt them
     * @return the schema, as plain maps and lists for {@link dev.switchboard.api.Json}
     */
    public static Map<String, Object> of(Map<String, Map<String, Map<String, Object>>> protocols) {
        Map<String, Map<String, Map<String, Object>>> sorted = new TreeMap<>(protocols);
        Map<String, Object> defs = new LinkedHashMap<>();
        defs.put("service-keys", object("properties", properties(DaemonKeys.ofService())));
        sorted.forEach((protocol, keys) -> defs.put("protocol-" + protocol, object("properties", pluginKeys(keys))));
        defs.put("service", service(sorted.keySet(), Optional.empty()));
        Map<String, Object> named = new LinkedHashMap<>();
        for (String protocol : sorted.keySet()) {
            defs.put("service-named-" + protocol, service(sorted.keySet(), Optional.of(protocol)));
            named.put(protocol, ref("service-named-" + protocol));
        }
        Map<String, Object> services = object(
                "description", "One entry per service; its key is the service's name",
                "type", "object",
                "minProperties", 1,
                "propertyNames", object("pattern", "^" + ConfigLoader.SERVICE_NAME.pattern() + "$"),
                "properties", named,
                "additionalProperties", ref("service"));
        return object(
                "$schema", DIALECT,
                "title", "Switchboard configuration (switchboard.yml)",
                "description", "Printed by 'switchboard schema' from the daemon's keys and the settings its loaded "
                        + "plugins read; see docs/configuration.md",
                "type", "object",
                "required", List.of("services"),
                "additionalProperties", false,
                "properties", object(
                        "daemon", section("Settings of the whole process", DaemonKeys.in(Key.Section.DAEMON)),
                        "defaults", section("Access rules and limits every service inherits",
                                DaemonKeys.in(Key.Section.INHERITED)),
                        "services", services),
                "$defs", defs);
    }

    /** @return a service: the daemon's keys, and its protocol's by {@code protocol:} or else by its name */
    private static Map<String, Object> service(Set<String> protocols, Optional<String> namedAfter) {
        List<Object> branches = new ArrayList<>();
        branches.add(ref("service-keys"));
        for (String protocol : protocols) {
            branches.add(object(
                    "if", object("properties", object("protocol", object("const", protocol)), "required", List.of("protocol")),
                    "then", ref("protocol-" + protocol)));
        }
        branches.add(object(
                "if", object("required", List.of("protocol"),
                        "properties", object("protocol", object("not", object("enum", List.copyOf(protocols))))),
                "then", anyKey()));
        branches.add(object(
                "if", object("not", object("required", List.of("protocol"))),
                "then", namedAfter.map(p -> ref("protocol-" + p)).orElse(anyKey())));
        return object(
                "type", "object",
                "required", List.of("port"),
                "allOf", branches,
                "unevaluatedProperties", false);
    }

    private static Map<String, Object> section(String description, List<Key<?>> keys) {
        return object(
                "description", description,
                "type", List.of("object", "null"),
                "additionalProperties", false,
                "properties", properties(keys));
    }

    private static Map<String, Object> properties(List<Key<?>> keys) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Key<?> key : keys) {
            properties.put(key.name(), keySchema(key));
        }
        return properties;
    }

    private static <T> Map<String, Object> keySchema(Key<T> key) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("description", key.doc() + " (default: " + key.defaultText().replace("`", "") + ")");
        schema.putAll(key.type().schema(key));
        if (key.fallback() != null) {
            schema.put("default", jsonDefault(key));
        }
        return schema;
    }

    /** @return the default as a YAML author writes it: numbers and booleans as such, the rest as text */
    private static <T> Object jsonDefault(Key<T> key) {
        T value = key.fallback();
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof List<?> list && list.isEmpty()) {
            return List.of();
        }
        String text = key.type().text(value);
        return text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
    }

    /** @return the plugin's keys, without any the daemon owns (a plugin may read those too) */
    private static Map<String, Object> pluginKeys(Map<String, Map<String, Object>> keys) {
        Map<String, Object> own = new TreeMap<>(keys);
        own.keySet().removeAll(DaemonKeys.names(DaemonKeys.ofService()));
        return own;
    }

    private static Map<String, Object> anyKey() {
        return object("additionalProperties", true);
    }

    private static Map<String, Object> ref(String def) {
        return object("$ref", "#/$defs/" + def);
    }
}
