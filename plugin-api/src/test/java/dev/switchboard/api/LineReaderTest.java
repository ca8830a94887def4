package dev.switchboard.api;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static LineReader reader(String text, int max) {
        return new LineReader(new ByteArrayInputStream(text.getBytes(UTF_8)), max);
    }

    @Test
    void readsLinesEndingInLfOrCrLfWithoutTheirEndings() throws IOException {
        LineReader lines = reader("one\ntwo\r\n\nfour", 16);
        assertEquals(Optional.of("one"), lines.readLine());
        assertEquals(Optional.of("two"), lines.readLine());
        assertEquals(Optional.of(""), lines.readLine());
        assertEquals(Optional.of("four"), lines.readLine());
        assertEquals(Optional.empty(), lines.readLine());
    }

    @Test
    void acceptsALineOfExactlyTheLimitWithEitherEnding() throws IOException {
        LineReader lines = reader("abcd\r\nefgh\n", 4);
        assertEquals(Optional.of("abcd"), lines.readLine());
        assertEquals(Optional.of("efgh"), lines.readLine());
    }

    @Test
    void refusesALongLineThenSkipsItAndCarriesOn() throws IOException {
        LineReader lines = reader("abcde\r\nok\nxxxxxxxxxxx\r\nlast\n", 4);
        LineTooLongException e = assertThrows(LineTooLongException.class, lines::readLine);
        assertEquals(4, e.limit());
        assertEquals(Optional.of("ok"), lines.readLine());
        assertThrows(LineTooLongException.class, lines::readLine);
        assertEquals(Optional.of("last"), lines.readLine());
        assertEquals(Optional.empty(), lines.readLine());
    }

    @Test
    void neverReadsMoreThanTheLimitPlusTwoBytesOfAnEndlessLine() {
        CountingEndlessStream endless = new CountingEndlessStream();
        assertThrows(LineTooLongException.class, () -> new LineReader(endless, 1000).readLine());
        assertEquals(1001, endless.served);
    }

    @Test
    void leavesTheBytesAfterALineInTheStream() throws IOException {
        InputStream in = new ByteArrayInputStream("GET / HTTP/1.1\r\nBODY".getBytes(UTF_8));
        assertEquals(Optional.of("GET / HTTP/1.1"), new LineReader(in, 100).readLine());
        assertEquals("BODY", new String(in.readAllBytes(), UTF_8));
    }

    @Test
    void decodesInvalidUtf8AsReplacementCharacters() throws IOException {
        byte[] bytes = {'a', (byte) 0xC3, '(', 'b', '\n'};
        LineReader lines = new LineReader(new ByteArrayInputStream(bytes), 10);
        assertEquals(Optional.of("a\uFFFD(b"), lines.readLine());
    }

    @Test
    void decodesWithTheGivenCharset() throws IOException {
        byte[] bytes = {(byte) 0xE9, '\n'};
        assertEquals(Optional.of("é"), new LineReader(new ByteArrayInputStream(bytes), 10, ISO_8859_1).readLine());
    }

    @Test
    void rejectsANonPositiveLimit() {
        assertThrows(IllegalArgumentException.class, () -> reader("", 0));
    }

    private static final class CountingEndlessStream extends InputStream {
        int served;

        @Override
        public int read() {
            served++;
            return 'x';
        }
    }
}
