package com.example.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.testkit.MemoryConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler over in-memory connections: one set of counters, shared by all its clients. */
class CounterHandlerTest {

    @Test
    void clientsOfOneServiceShareTheCounters() throws Exception {
        CounterHandler handler = new CounterHandler(new Counters(), 10);
        MemoryConnection first = MemoryConnection.withInput("incr a\r\nincr a\r\nincr b\r\n");
        handler.serve(first);
        MemoryConnection second = MemoryConnection.withInput("get a\nincr a\nnames\nget nothing\nfrob\nquit\nget a\n");
        handler.serve(second);
        assertEquals(List.of("1", "2", "1"), first.writtenLines());
        assertEquals(List.of("2", "3", "a b", "0", "error: commands are incr NAME, get NAME, names, quit"),
                second.writtenLines());
    }

    @Test
    void concurrentIncrementsAllCountAndTheNumberOfNamesIsBounded() throws Exception {
        Counters counters = new Counters();
        CounterHandler handler = new CounterHandler(counters, 2);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            MemoryConnection client = MemoryConnection.withInput("incr hits\n".repeat(500));
            Thread thread = new Thread(() -> {
                try {
                    handler.serve(client);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertEquals(4000, counters.get("hits"));
        MemoryConnection client = MemoryConnection.withInput("incr other\nincr third\n");
        handler.serve(client);
        assertEquals(List.of("1", "error: too many counters"), client.writtenLines());
        assertEquals(Map.of("counters", Map.of("hits", 4000L, "other", 1L)), counters.snapshot());
    }
}
