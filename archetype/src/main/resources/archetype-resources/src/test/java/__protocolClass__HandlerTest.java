package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.MemoryConnection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The handler alone, over an in-memory connection: no sockets, no daemon. */
class ${protocolClass}HandlerTest {

    @Test
    void greetsEveryLineUntilQuit() throws Exception {
        MemoryConnection client = MemoryConnection.withInput("world\r\nthere\nquit\r\nnot read\r\n");
        new ${protocolClass}Handler("hi").serve(client);
        assertEquals(List.of("hi, world", "hi, there", "bye"), client.writtenLines());
    }

    @Test
    void refusesAnOverlongLineAndGoesOn() throws Exception {
        MemoryConnection client = MemoryConnection.withInput("x".repeat(${protocolClass}Handler.MAX_LINE + 1) + "\nok\n");
        new ${protocolClass}Handler("hi").serve(client);
        List<String> lines = client.writtenLines();
        assertTrue(lines.get(0).startsWith("line too long"), lines.get(0));
        assertEquals("hi, ok", lines.get(1));
    }
}
