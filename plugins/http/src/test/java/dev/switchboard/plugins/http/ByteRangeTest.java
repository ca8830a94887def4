package dev.switchboard.plugins.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Range headers resolved against a 100-byte representation, as RFC 9110 §14.1.2 and §14.2 say. */
class ByteRangeTest {

    static String outcome(String header) {
        ByteRange.Outcome outcome = ByteRange.parse(header, 100);
        return switch (outcome.kind()) {
            case WHOLE -> "200";
            case UNSATISFIABLE -> "416";
            case PARTIAL -> outcome.range().orElseThrow().first() + "-" + outcome.range().orElseThrow().last();
        };
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "bytes=0-9                      | 0-9",
        "bytes=0-99                     | 0-99",
        "bytes=0-100                    | 0-99",
        "bytes=0-9223372036854775807    | 0-99",
        "bytes=0-9223372036854775808    | 0-99",
        "bytes=5-99999999999999999999999999999 | 5-99",
        "bytes=90-                      | 90-99",
        "bytes=99-99                    | 99-99",
        "bytes=-10                      | 90-99",
        "bytes=-100                     | 0-99",
        "bytes=-101                     | 0-99",
        "bytes=-99999999999999999999999 | 0-99",
        "BYTES=1-2                      | 1-2",
        "bytes = 1-2                    | 200",
        "bytes=100-                     | 416",
        "bytes=100-200                  | 416",
        "bytes=9223372036854775807-     | 416",
        "bytes=99999999999999999999999- | 416",
        "bytes=-0                       | 416",
        "bytes=0-1,3-4                  | 200",
        "bytes=0-1, 200-300             | 200",
        "bytes=5-2                      | 200",
        "bytes=x-y                      | 200",
        "bytes=1--2                     | 200",
        "bytes=+1-2                     | 200",
        "bytes=                         | 200",
        "lines=1-2                      | 200",
    })
    void resolves(String header, String expected) {
        assertEquals(expected, outcome(header));
    }

    @ParameterizedTest
    @CsvSource({"bytes=0-", "bytes=-5"})
    void anEmptyRepresentationHasNoSatisfiableRange(String header) {
        assertEquals(ByteRange.Kind.UNSATISFIABLE, ByteRange.parse(header, 0).kind());
    }
}
