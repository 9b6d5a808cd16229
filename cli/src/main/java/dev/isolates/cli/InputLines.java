package dev.isolates.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lines of UTF-8 text from a stream, as {@link java.io.BufferedReader#readLine()} splits them (at
 * {@code \n}, {@code \r} or {@code \r\n}), each at most a given number of bytes: a line without
 * end is refused at the limit instead of filling the heap. Not thread-safe: one thread reads.
 */
final class InputLines {
    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int end;
    private byte[] line = new byte[1 << 10];
    private int length;
    private boolean skipLineFeed;
    private long number;

    /**
     * @param in       the stream, read from here on
     * @param maxBytes the longest line accepted, in bytes of UTF-8 without its line break
     */
    InputLines(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /**
     * The next line without its line break, or null at the end of the input.
     *
     * @throws TooLong if the line is longer than the limit; nothing more should be read
     */
    String next() throws IOException {
        length = 0;
        while (true) {
            if (pos == end && !fill()) {
                if (length == 0) {
                    return null;
                }
                number++;
                return new String(line, 0, length, StandardCharsets.UTF_8);
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            while (pos < end && buffer[pos] != '\n' && buffer[pos] != '\r') {
                pos++;
            }
            if (length + (long) (pos - start) > maxBytes) {
                throw new TooLong(number + 1, maxBytes);
            }
            if (pos == end) {
                append(start, pos - start);
                continue;
            }
            skipLineFeed = buffer[pos] == '\r';
            int stop = pos++;
            number++;
            if (length == 0) {
                return new String(buffer, start, stop - start, StandardCharsets.UTF_8);
            }
            append(start, stop - start);
            return new String(line, 0, length, StandardCharsets.UTF_8);
        }
    }

    /** How many lines were returned so far. */
    long number() {
        return number;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        pos = 0;
        end = Math.max(n, 0);
        return n > 0;
    }

    private void append(int from, int count) {
        if (length + count > line.length) {
            line = Arrays.copyOf(line, (int) Math.min(maxBytes, Math.max(2L * line.length, length + count)));
        }
        System.arraycopy(buffer, from, line, length, count);
        length += count;
    }

    /** A line longer than the limit. */
    static final class TooLong extends IOException {
        private static final long serialVersionUID = 1L;

        private final long lineNumber;
        private final int maxBytes;

        TooLong(long lineNumber, int maxBytes) {
            super("line " + lineNumber + " is longer than " + ByteSizeConverter.describe(maxBytes));
            this.lineNumber = lineNumber;
            this.maxBytes = maxBytes;
        }

        /** The line's number, from 1. */
        long lineNumber() {
            return lineNumber;
        }

        /** The limit it went over, in bytes. */
        int maxBytes() {
            return maxBytes;
        }
    }
}
