package dev.switchboard.plugins.chat.telnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.LineTooLongException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TelnetLineReaderTest {

    private final ByteArrayOutputStream replies = new ByteArrayOutputStream();

    private TelnetLineReader reader(int maxBytes, int... bytes) {
        byte[] data = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            data[i] = (byte) bytes[i];
        }
        return reader(maxBytes, new ByteArrayInputStream(data));
    }

    private TelnetLineReader reader(int maxBytes, InputStream in) {
        return new TelnetLineReader(in, maxBytes, replies::writeBytes);
    }

    private static int[] ascii(String s) {
        return s.chars().toArray();
    }

    private static List<String> all(TelnetLineReader reader) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Optional<String> line; (line = reader.readLine()).isPresent(); ) {
            lines.add(line.get());
        }
        return lines;
    }

    @Test
    void endsLinesAtLfCrlfCrNulAndLoneCr() throws IOException {
        TelnetLineReader reader = reader(64, ascii("a\nb\r\nc\r\0d\re\nlast"));
        assertEquals(List.of("a", "b", "c", "d", "e", "last"), all(reader));
    }

    @Test
    void consumesTelnetNegotiationAndRefusesOptions() throws IOException {
        int iac = 255;
        TelnetLineReader reader = reader(64,
                iac, 251, 24, 'h', iac, 253, 1, 'i', iac, 252, 3, iac, 254, 5, iac, 241, '\n');
        assertEquals(List.of("hi"), all(reader));
        // WILL 24 is answered DONT 24, DO 1 is answered WONT 1; WONT and DONT need no answer.
        assertArrayEquals(new byte[] {(byte) iac, (byte) 254, 24, (byte) iac, (byte) 252, 1}, replies.toByteArray());
    }

    @Test
    void skipsSubnegotiationUpToIacSe() throws IOException {
        int iac = 255;
        TelnetLineReader reader = reader(64, iac, 250, 31, 0, 80, 'x', iac, iac, 0, 24, iac, 240, 'o', 'k', '\n');
        assertEquals(List.of("ok"), all(reader));
    }

    @Test
    void appliesBackspaceDelAndTelnetEraseCommands() throws IOException {
        TelnetLineReader reader = reader(64,
                'h', 'e', 'x', 8, 'l', 'p', 'q', 0x7f, '\n',
                'g', 'o', 'n', 'e', 255, 248, 'n', 'e', 'w', 'x', 255, 247, '\n');
        assertEquals(List.of("help", "new"), all(reader));
    }

    @Test
    void backspaceErasesAWholeMultiByteCharacter() throws IOException {
        // "aé" then backspace: both bytes of é go.
        TelnetLineReader reader = reader(64, 'a', 0xC3, 0xA9, 8, '\n');
        assertEquals(List.of("a"), all(reader));
    }

    @Test
    void decodesInvalidUtf8AsReplacementCharacter() throws IOException {
        TelnetLineReader reader = reader(64, 'o', 0xC3, 'k', 0xFE, '\n');
        assertEquals(List.of("o\uFFFDk\uFFFD"), all(reader));
    }

    @Test
    void refusesOverlongLineAtOnceThenCarriesOnWithTheNext() throws IOException {
        TelnetLineReader reader = reader(4, ascii("12345678\nok\n"));
        LineTooLongException e = assertThrows(LineTooLongException.class, reader::readLine);
        assertEquals(4, e.limit());
        assertEquals(List.of("ok"), all(reader));
    }

    @Test
    void refusesMebibyteLineWithoutNewlineWhileReadingOnlyPastTheLimit() throws IOException {
        CountingStream in = new CountingStream(1 << 20);
        TelnetLineReader reader = reader(512, in);
        assertThrows(LineTooLongException.class, reader::readLine);
        // Refused as soon as the limit is passed, not after the whole line: the client hears at once.
        assertEquals(513, in.read);
        assertEquals(Optional.empty(), reader.readLine());
        assertEquals(1 << 20, in.read);
    }

    @Test
    void exactlyMaxBytesIsAccepted() throws IOException {
        TelnetLineReader reader = reader(4, ascii("1234\r\n"));
        assertEquals(List.of("1234"), all(reader));
        assertTrue(replies.size() == 0);
    }

    /** An endless line of 'x' bytes, {@code size} long, that counts what was read. */
    private static final class CountingStream extends InputStream {
        private final int size;
        int read;

        CountingStream(int size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (read == size) {
                return -1;
            }
            read++;
            return 'x';
        }
    }
}
