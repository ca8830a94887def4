package dev.switchboard.daemon.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.Json;
import dev.switchboard.daemon.config.DaemonKeys;
import dev.switchboard.daemon.config.Key;
import dev.switchboard.daemon.config.YamlSettings;
import dev.switchboard.daemon.config.YamlValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The schema is built from the declared daemon keys and from what a protocol's getters said, with the
 * type, bounds and default each getter was called with.
 */
class ConfigSchemaTest {

    @Test
    void aProtocolsKeysAreDescribedByTheGettersItCalled() throws Exception {
        YamlSettings settings = new YamlSettings("f.yml", "services.x", 1,
                Map.of("max-line", new YamlValue("100", 2)), Path.of("/"));
        settings.integer("max-line", 512, 64, 65536);
        settings.duration("login-timeout", Duration.ofMinutes(1));
        settings.flag("verbose", false);
        Map<String, Map<String, Object>> keys = settings.keySchemas();
        assertEquals(Map.of("type", "integer", "minimum", 64L, "maximum", 65536L, "default", 512), keys.get("max-line"));
        assertEquals("1m", keys.get("login-timeout").get("default"));
        assertEquals(false, keys.get("verbose").get("default"));
        assertEquals(3, keys.size());
    }

    @Test
    void everyDeclaredDaemonKeyIsInItsSectionAndEveryProtocolGetsItsOwn() {
        Map<String, Object> schema = ConfigSchema.of(Map.of("lines", Map.of("prefix",
                Map.of("type", "string"))));
        String text = Json.write(schema);
        assertTrue(text.startsWith("{\"$schema\":\"" + ConfigSchema.DIALECT + "\""), text);
        for (Key<?> key : DaemonKeys.ALL) {
            assertTrue(text.contains("\"" + key.name() + "\":{\"description\":\"" + key.doc()), key.name());
        }
        assertTrue(text.contains("\"protocol-lines\":{\"properties\":{\"prefix\":{\"type\":\"string\"}}}"), text);
        assertTrue(text.contains("\"service-named-lines\""), text);
        assertTrue(text.contains("\"if\":{\"properties\":{\"protocol\":{\"const\":\"lines\"}},\"required\":[\"protocol\"]},"
                + "\"then\":{\"$ref\":\"#/$defs/protocol-lines\"}"), text);
    }
}
