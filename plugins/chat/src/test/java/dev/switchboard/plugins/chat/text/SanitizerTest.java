package dev.switchboard.plugins.chat.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SanitizerTest {

    @Test
    void removesCsiSequencesSuchAsColoursAndCursorMoves() {
        assertEquals("red plain", Sanitizer.clean("\u001b[31mred\u001b[0m plain"));
        assertEquals("upclear", Sanitizer.clean("\u001b[2Aup\u001b[2J\u001b[?25lclear"));
    }

    @Test
    void removesOscTitleChangesTerminatedByBelOrSt() {
        assertEquals("ab", Sanitizer.clean("a\u001b]0;pwned\u0007b"));
        assertEquals("ab", Sanitizer.clean("a\u001b]2;pwned\u001b\\b"));
        assertEquals("ab", Sanitizer.clean("a\u009d0;pwned\u009cb"));
    }

    @Test
    void removesTwoCharacterAndCharsetEscapes() {
        assertEquals("resetline", Sanitizer.clean("\u001bcreset\u001b(0line"));
    }

    @Test
    void removesControlCharactersAndC1CsiAndTurnsTabsIntoSpaces() {
        assertEquals("ab c", Sanitizer.clean("a\u0007b\tc\u0008\u007f\r"));
        assertEquals("xy", Sanitizer.clean("x\u009b31my"));
    }

    @Test
    void removesBidiOverridesButKeepsOrdinaryUnicode() {
        assertEquals("évil gnp.exe ✓ 日本", Sanitizer.clean("évil \u202egnp.exe\u202c ✓ 日本"));
    }

    @Test
    void unterminatedEscapeAtEndOfLineIsDropped() {
        assertEquals("ok", Sanitizer.clean("ok\u001b["));
        assertEquals("ok", Sanitizer.clean("ok\u001b]0;title never ends"));
    }
}
