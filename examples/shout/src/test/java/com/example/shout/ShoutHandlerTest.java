package com.example.shout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.testkit.MemoryConnection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The protocol over an in-memory connection: no sockets, no daemon. */
class ShoutHandlerTest {

    @Test
    void shoutsEveryLineUntilQuit() throws Exception {
        MemoryConnection client = MemoryConnection.withInput("hello\r\nstraße\nquit\r\nnot read\r\n");
        ShoutProtocol.serve(client, 64);
        assertEquals(List.of("HELLO", "STRASSE"), client.writtenLines());
    }

    @Test
    void refusesAnOverlongLineAndGoesOn() throws Exception {
        MemoryConnection client = MemoryConnection.withInput("x".repeat(17) + "\nok\n");
        ShoutProtocol.serve(client, 16);
        assertEquals(List.of("line too long (max 16 bytes)", "OK"), client.writtenLines());
    }
}
