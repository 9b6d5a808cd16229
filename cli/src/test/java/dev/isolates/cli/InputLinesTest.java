package dev.isolates.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputLinesTest {
    private static List<String> lines(InputStream in, int max) throws IOException {
        InputLines reader = new InputLines(in, max);
        List<String> lines = new ArrayList<>();
        for (String line; (line = reader.next()) != null; ) {
            lines.add(line);
            assertEquals(lines.size(), reader.number());
        }
        return lines;
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A stream that hands out one byte per read, so that every line crosses buffer fills. */
    private static InputStream trickle(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            int i;

            @Override
            public int read() {
                return i < b.length ? b[i++] & 0xff : -1;
            }

            @Override
            public int read(byte[] into, int off, int len) {
                if (i == b.length) {
                    return -1;
                }
                into[off] = b[i++];
                return 1;
            }
        };
    }

    @Test
    void shouldSplitAsBufferedReaderDoes() throws IOException {
        String text = "a\nb\r\nc\rd\n\n\u00e9t\u00e9\nlast";
        List<String> expected = List.of("a", "b", "c", "d", "", "\u00e9t\u00e9", "last");
        assertEquals(expected, lines(bytes(text), 100));
        assertEquals(expected, lines(trickle(text), 100));
        assertEquals(List.of("x"), lines(bytes("x\n"), 100));
        assertEquals(List.of(), lines(bytes(""), 100));
        assertEquals(List.of("x", ""), lines(trickle("x\r\n\r\n"), 100));
    }

    @Test
    void shouldRefuseALineOverTheLimitWithItsNumber() throws IOException {
        InputLines reader = new InputLines(trickle("12345\n123456\n"), 5);
        assertEquals("12345", reader.next());
        InputLines.TooLong e = assertThrows(InputLines.TooLong.class, reader::next);
        assertEquals(2, e.lineNumber());
        assertEquals(5, e.maxBytes());
        InputLines big = new InputLines(bytes("y".repeat(200_000)), 100_000);
        assertThrows(InputLines.TooLong.class, big::next);
        assertNull(new InputLines(bytes(""), 1).next());
    }
}
