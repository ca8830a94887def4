package dev.switchboard.plugins.netinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.plugins.netinfo.Request.BadRequest;
import dev.switchboard.plugins.netinfo.Request.Kind;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestTest {

    @Test
    void emptyLineAndTextAskForEverythingAsText() throws Exception {
        assertEquals(new Request(Kind.TEXT, Optional.empty()), Request.parse(""));
        assertEquals(new Request(Kind.TEXT, Optional.empty()), Request.parse("  \t "));
        assertEquals(new Request(Kind.TEXT, Optional.empty()), Request.parse("text"));
        assertEquals(new Request(Kind.TEXT, Optional.empty()), Request.parse("/W"), "finger's verbose switch");
    }

    @Test
    void nameOrKeywordAndName() throws Exception {
        assertEquals(new Request(Kind.TEXT, Optional.of("eth0")), Request.parse("eth0"));
        assertEquals(new Request(Kind.TEXT, Optional.of("eth0")), Request.parse("text eth0"));
        assertEquals(new Request(Kind.JSON, Optional.empty()), Request.parse("JSON"));
        assertEquals(new Request(Kind.JSON, Optional.of("veth-a.10")), Request.parse(" json  veth-a.10 "));
        assertEquals(new Request(Kind.HELP, Optional.empty()), Request.parse("help"));
    }

    @Test
    void refusesExtraWordsAndBinary() {
        assertEquals("too many words; send 'help' for the syntax",
                assertThrows(BadRequest.class, () -> Request.parse("eth0 lo")).getMessage());
        assertEquals("too many words after 'json'; send 'help' for the syntax",
                assertThrows(BadRequest.class, () -> Request.parse("json eth0 lo")).getMessage());
        assertThrows(BadRequest.class, () -> Request.parse("help me"));
        assertEquals("request is not printable ASCII; send 'help' for the syntax",
                assertThrows(BadRequest.class, () -> Request.parse("\u0000\u00ff\u001b[31m")).getMessage());
    }
}
