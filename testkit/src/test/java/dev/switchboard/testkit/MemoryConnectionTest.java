package dev.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.LineReader;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory connection behaves like a socket's, with time that moves only when a read would wait. */
class MemoryConnectionTest {

    @Test
    void aHandlerReadsTheFedLinesAndItsFlushedRepliesAreSeen() throws IOException {
        MemoryConnection c = MemoryConnection.withInput("one\r\ntwo\n");
        LineReader lines = c.lines(64);
        Optional<String> line;
        while ((line = lines.readLine()).isPresent()) {
            c.output().write(("<" + line.get() + ">\r\n").getBytes());
        }
        assertEquals(List.of(), c.writtenLines(), "nothing flushed yet");
        assertEquals("<one>\r\n<two>\r\n", new String(c.unflushed()));
        c.output().flush();
        assertEquals(List.of("<one>", "<two>"), c.writtenLines());
        assertEquals(9, c.bytesIn());
        assertEquals(14, c.bytesOut());
    }

    @Test
    void aReadWithATimeoutAndNoInputTimesOutAndMovesTheClock() throws IOException {
        MemoryConnection c = MemoryConnection.open();
        Instant start = c.clock().instant();
        c.readTimeout(Duration.ofSeconds(30));
        assertThrows(SocketTimeoutException.class, () -> c.input().read());
        assertEquals(start.plusSeconds(30), c.clock().instant());
        c.feed("late\n");
        assertEquals(Optional.of("late"), c.lines(16).readLine());
        assertTrue(!c.isClosed());
    }

    @Test
    void aReadWithoutATimeoutIdlesOutAndClosesTheConnection() {
        MemoryConnection c = MemoryConnection.open();
        c.idleTimeout(Duration.ofMinutes(2));
        Instant start = c.clock().instant();
        IOException e = assertThrows(IOException.class, () -> c.input().read());
        assertTrue(e.getMessage().contains("idle"), e.getMessage());
        assertEquals(start.plus(Duration.ofMinutes(2)), c.clock().instant());
        assertTrue(c.isClosed());
        assertThrows(IOException.class, () -> c.output().write(1));
    }

    @Test
    void endOfInputReadsAsEndOfStream() throws IOException {
        MemoryConnection c = MemoryConnection.withInput(new byte[] {1, 2});
        assertEquals(2, c.input().available());
        assertArrayEquals(new byte[] {1, 2}, c.input().readAllBytes());
        assertEquals(-1, c.input().read());
        assertThrows(IllegalStateException.class, () -> c.feed("more"));
    }

    @Test
    void sendFileFlushesWhatWasWrittenThenSendsTheRange(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("f.txt"), "0123456789");
        MemoryConnection c = MemoryConnection.open();
        c.output().write("head:".getBytes());
        try (FileChannel ch = FileChannel.open(file)) {
            c.sendFile(ch, 2, 5);
        }
        assertEquals("head:23456", c.writtenText());
    }

    @Test
    void drainingAndCloseAreVisible() {
        MemoryConnection c = MemoryConnection.open();
        assertTrue(!c.isDraining());
        c.drain();
        assertTrue(c.isDraining());
        c.close();
        assertTrue(c.isClosed());
    }

    @Test
    void aManualClockMovesOnlyWhenToldAndItsZonedViewsFollow() {
        ManualClock clock = new ManualClock(Instant.parse("2030-05-06T07:08:09Z"));
        var berlin = clock.withZone(java.time.ZoneId.of("Europe/Berlin"));
        clock.advance(Duration.ofHours(1));
        assertEquals(Instant.parse("2030-05-06T08:08:09Z"), clock.instant());
        assertEquals(clock.instant(), berlin.instant());
        clock.set(Instant.EPOCH);
        assertEquals(Instant.EPOCH, berlin.instant());
    }
}
