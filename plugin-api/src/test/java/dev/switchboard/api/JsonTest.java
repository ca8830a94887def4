package dev.switchboard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesPlainValuesWithEscapes() {
        Map<String, Object> map = new LinkedHashMap<>();
        List<Object> list = new ArrayList<>(List.of(1, 2.5, true, 7L));
        list.add(null);
        list.add("x\"y\\z\n</script>\u0001\u007f\u2028");
        map.put("a", list);
        map.put("b", Map.of());
        map.put("c", new Object[] {"d"});
        assertEquals("{\"a\":[1,2.5,true,7,null,\"x\\\"y\\\\z\\n\\u003c/script>\\u0001\\u007f\\u2028\"],\"b\":{},"
                + "\"c\":[\"d\"]}", Json.write(map));
    }

    @Test
    void indentedTextHasOneMemberPerLineAndTheSameValues() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", List.of(1, "x"));
        map.put("b", Map.of());
        map.put("c", List.of());
        assertEquals("{\n  \"a\": [\n    1,\n    \"x\"\n  ],\n  \"b\": {},\n  \"c\": []\n}\n", Json.writeIndented(map));
    }

    @Test
    void nonFiniteNumbersAreNullAtAnyDepth() {
        assertEquals("null", Json.write(Double.NaN));
        assertEquals("[null,null,null,1.5]", Json.write(List.of(Double.POSITIVE_INFINITY, Float.NaN,
                Double.NEGATIVE_INFINITY, 1.5f)));
        assertEquals("{\"load\":{\"avg\":null}}", Json.write(Map.of("load", Map.of("avg", Double.NaN))));
    }

    @Test
    void otherTypesAreTheirTextNotAnError() throws Exception {
        assertEquals("[\"/127.0.0.1\",\"RUNNING\"]",
                Json.write(List.of(InetAddress.getByName("127.0.0.1"), ServiceStatus.State.RUNNING)));
    }

    @Test
    void aMapThatHoldsItselfIsCutOff() {
        Map<String, Object> loop = new LinkedHashMap<>();
        loop.put("self", loop);
        String text = Json.write(loop);
        assertEquals("{\"self\":".repeat(33) + "null" + "}".repeat(33), text);
    }
}
