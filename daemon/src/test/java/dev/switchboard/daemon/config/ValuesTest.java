package dev.switchboard.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The value syntaxes every setting shares: the largest values work, anything larger is refused with a message. */
class ValuesTest {

    @Test
    void acceptsTheLongestDurationATimeoutCanHold() {
        assertEquals(Duration.ofDays(106751), Values.duration("106751d"));
        assertEquals(Duration.ofMillis(500), Values.duration("500ms"));
    }

    @Test
    void refusesDurationsTooLongForATimeoutInsteadOfOverflowing() {
        for (String text : new String[] {"106752d", "99999999999999999d", "99999999999999999999s"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Values.duration(text));
            assertEquals("'" + text + "' is too long (at most 106751d)", e.getMessage());
        }
    }

    @Test
    void acceptsTheLargestSizeALongCanHold() {
        assertEquals(8589934591L << 30, Values.size("8589934591GiB"));
        assertEquals(64 * 1024, Values.size("64KiB"));
    }

    @Test
    void refusesSizesThatWouldWrapAroundInsteadOfReturningGarbage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Values.size("999999999999GiB"));
        assertEquals("'999999999999GiB' is too large (at most 8589934591GiB)", e.getMessage());
    }
}
