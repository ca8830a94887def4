package dev.switchboard.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A binary protocol's frames: exact reads, length prefixes, delimited frames with a bound, buffered input. */
class FrameReaderTest {

    private static InputStream bytes(String s) {
        return new BufferedInputStream(new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static String text(Optional<byte[]> frame) {
        return frame.map(b -> new String(b, StandardCharsets.ISO_8859_1)).orElse("<end>");
    }

    @Test
    void lengthPrefixedFramesAndTheirIntegersAreBigEndian() throws Exception {
        FrameReader frames = new FrameReader(new ByteArrayInputStream(new byte[] {
            0, 3, 'a', 'b', 'c', (byte) 0xff, (byte) 0xfe, 0x12, 0x34, 0x56, 0x78, (byte) 0x80, 0, 0, 0}));
        int length = frames.readUnsignedShort();
        assertEquals(3, length);
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), frames.readExactly(length));
        assertEquals(0xff, frames.readUnsignedByte());
        assertEquals(0xfe, frames.readUnsignedByte());
        assertEquals(0x12345678, frames.readInt());
        assertEquals(Integer.MIN_VALUE, frames.readInt());
        assertThrows(EOFException.class, frames::readUnsignedByte);
    }

    @Test
    void aFrameCutShortByTheClientIsAnEndOfStreamNotAShortArray() throws Exception {
        FrameReader frames = new FrameReader(bytes("\u0000\u0010only five"));
        int length = frames.readUnsignedShort();
        EOFException e = assertThrows(EOFException.class, () -> frames.readExactly(length));
        assertTrue(e.getMessage().contains("9 of 16"), e.getMessage());
        assertArrayEquals(new byte[0], new FrameReader(bytes("")).readExactly(0));
        assertThrows(IllegalArgumentException.class, () -> new FrameReader(bytes("")).readExactly(-1));
    }

    @Test
    void lfFramesKeepACarriageReturnAndCrlfFramesKeepALoneLineFeed() throws Exception {
        FrameReader lf = new FrameReader(bytes("a\r\nb\nc"));
        assertEquals("a\r", text(lf.readFrame(FrameReader.Ending.LF, 10)));
        assertEquals("b", text(lf.readFrame(FrameReader.Ending.LF, 10)));
        assertEquals("c", text(lf.readFrame(FrameReader.Ending.LF, 10)), "a last frame without its ending");
        assertEquals("<end>", text(lf.readFrame(FrameReader.Ending.LF, 10)));

        FrameReader crlf = new FrameReader(bytes("x\ny\rz\r\n\r\nw"));
        assertEquals("x\ny\rz", text(crlf.readFrame(FrameReader.Ending.CRLF, 10)));
        assertEquals("", text(crlf.readFrame(FrameReader.Ending.CRLF, 10)));
        assertEquals("w", text(crlf.readFrame(FrameReader.Ending.CRLF, 10)));
    }

    @Test
    void aFrameOverItsBoundIsRefusedAndSkippedAndTheBoundIsExact() throws Exception {
        FrameReader crlf = new FrameReader(bytes("12345\r\n123456\r\nnext\r\n"));
        assertEquals("12345", text(crlf.readFrame(FrameReader.Ending.CRLF, 5)), "exactly the bound, CR not counted");
        LineTooLongException e = assertThrows(LineTooLongException.class, () -> crlf.readFrame(FrameReader.Ending.CRLF, 5));
        assertEquals(5, e.limit());
        assertEquals("next", text(crlf.readFrame(FrameReader.Ending.CRLF, 5)), "the rest of the long frame was skipped");

        FrameReader lf = new FrameReader(bytes("abc\nabcd\nok\n"));
        assertEquals("abc", text(lf.readFrame(FrameReader.Ending.LF, 3)));
        assertThrows(LineTooLongException.class, () -> lf.readFrame(FrameReader.Ending.LF, 3));
        assertEquals("ok", text(lf.readFrame(FrameReader.Ending.LF, 3)));
    }

    @Test
    void holdsNothingBackSoFramesLinesAndPlainReadsMixAndBufferedInputShows() throws Exception {
        InputStream in = bytes("HEAD /x\r\n\u0000\u0002hi!");
        FrameReader frames = new FrameReader(in);
        LineReader lines = new LineReader(in, 100);
        assertEquals("HEAD /x", lines.readLine().orElseThrow());
        assertTrue(frames.hasBuffered());
        assertArrayEquals("hi".getBytes(StandardCharsets.US_ASCII), frames.readExactly(frames.readUnsignedShort()));
        assertEquals('!', in.read());
        assertFalse(frames.hasBuffered());
    }

    @Test
    void aLineReaderGivesALineAsItsBytesUndecodedWithTheSameBound() throws Exception {
        LineReader lines = new LineReader(new ByteArrayInputStream(new byte[] {
            (byte) 0xc3, (byte) 0x28, '\r', '\n', 'a', 'b', 'c', 'd', '\n', 'z'}), 3);
        assertArrayEquals(new byte[] {(byte) 0xc3, (byte) 0x28}, lines.readLineBytes().orElseThrow(),
                "invalid UTF-8 comes back as sent");
        assertThrows(LineTooLongException.class, lines::readLineBytes);
        assertArrayEquals(new byte[] {'z'}, lines.readLineBytes().orElseThrow());
        assertTrue(lines.readLineBytes().isEmpty());
    }
}
