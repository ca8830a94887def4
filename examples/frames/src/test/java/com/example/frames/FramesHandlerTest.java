package com.example.frames;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.testkit.MemoryConnection;
import java.io.EOFException;
import org.junit.jupiter.api.Test;

/** The protocol over an in-memory connection: no sockets, no daemon. */
class FramesHandlerTest {

    @Test
    void answersEachFrameReversedPipelinedOrNot() throws Exception {
        MemoryConnection client = MemoryConnection.withInput(new byte[] {0, 3, 'a', 'b', 'c', 0, 0, 0, 1, 'z'});
        FramesProtocol.serve(client, 16);
        assertArrayEquals(new byte[] {0, 3, 'c', 'b', 'a', 0, 0, 0, 1, 'z'}, client.written());
    }

    @Test
    void aFrameOverTheLimitEndsTheSessionWithAnEmptyFrame() throws Exception {
        MemoryConnection client = MemoryConnection.withInput(new byte[] {0, 17, 'x'});
        FramesProtocol.serve(client, 16);
        assertArrayEquals(new byte[] {0, 0}, client.written());
    }

    @Test
    void aFrameCutShortIsAnEndOfStreamNotAnAnswer() throws Exception {
        MemoryConnection client = MemoryConnection.withInput(new byte[] {0, 5, 'a', 'b'});
        assertThrows(EOFException.class, () -> FramesProtocol.serve(client, 16));
        assertArrayEquals(new byte[0], client.written());
    }
}
