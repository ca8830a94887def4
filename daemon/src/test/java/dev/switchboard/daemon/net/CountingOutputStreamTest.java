package dev.switchboard.daemon.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The buffering and counting under the daemon's connections, over an in-memory sink. */
class CountingOutputStreamTest {

    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final List<Integer> chunks = new ArrayList<>();
    private final CountingOutputStream out = new CountingOutputStream(sink, 4096, chunks::add);

    @Test
    void holdsSmallWritesUntilFlushThenSendsThemAsOneChunk() throws IOException {
        out.write("HTTP/1.1 200 OK\r\n".getBytes());
        out.write('\r');
        out.write('\n');
        out.write(new byte[1024]);
        assertEquals(0, sink.size());
        out.flush();
        assertEquals(17 + 2 + 1024, sink.size());
        assertEquals(List.of(17 + 2 + 1024), chunks);
    }

    @Test
    void keepsEveryByteInOrderAcrossMixedSizesAndFlushes() throws IOException {
        Random random = new Random(7);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 2000; i++) {
            int size = random.nextInt(10) == 0 ? random.nextInt(20_000) : random.nextInt(300);
            byte[] data = new byte[size];
            random.nextBytes(data);
            if (size == 1) {
                out.write(data[0]);
            } else {
                out.write(data, 0, size);
            }
            expected.write(data, 0, size);
            if (random.nextInt(5) == 0) {
                out.flush();
            }
        }
        out.flush();
        assertArrayEquals(expected.toByteArray(), sink.toByteArray());
        assertEquals(expected.size(), chunks.stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void sendsAWriteAsLargeAsTheBufferStraightThroughAfterWhatIsHeld() throws IOException {
        out.write(new byte[] {1, 2, 3});
        out.write(new byte[8192]);
        assertEquals(List.of(3, 8192), chunks);
    }

    @Test
    void sendsWhatIsHeldWhenTheBufferIsFullAtItsLargestSize() throws IOException {
        for (int i = 0; i < 5; i++) {
            out.write(new byte[1000]);
        }
        assertEquals(List.of(4000), chunks);
        out.flush();
        assertEquals(List.of(4000, 1000), chunks);
    }
}
