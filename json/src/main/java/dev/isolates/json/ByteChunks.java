package dev.isolates.json;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The tape's string bytes while a document is parsed, in chunks as {@link WordChunks} keeps words:
 * a large document is never copied to grow. A string is encoded in place when it fits in the
 * current chunk, else through a scratch array across the chunk boundary. Not thread-safe.
 */
final class ByteChunks {
    private static final int SHIFT = 20;
    private static final int CHUNK = 1 << SHIFT; // 1 MiB
    private static final int MASK = CHUNK - 1;

    private byte[][] chunks = {new byte[4096]};
    private byte[] current = chunks[0];
    private int capacity = current.length;
    private int size;
    private byte[] scratch = new byte[0];

    int size() {
        return size;
    }

    /** Empties the chunks for another document, keeping the first (at most 1 MiB) and dropping the rest. */
    void clear() {
        if (chunks.length > 1) {
            chunks = new byte[][] {chunks[0]};
        }
        current = chunks[0];
        capacity = current.length;
        size = 0;
        if (scratch.length > CHUNK) {
            scratch = new byte[0];
        }
    }

    /**
     * Appends {@code chars[offset, offset + length)} as tape UTF-8; returns the bytes written. The
     * caller keeps {@code size() + TapeStrings.maxBytes(length)} within an int.
     */
    int encode(char[] chars, int offset, int length) {
        int most = (int) TapeStrings.maxBytes(length);
        while (capacity - size < most && capacity < CHUNK) {
            growFirst();
        }
        if (capacity - size >= most) {
            int n = TapeStrings.encode(chars, offset, length, current, size & MASK);
            size += n;
            return n;
        }
        if (scratch.length < most) {
            scratch = new byte[most];
        }
        int n = TapeStrings.encode(chars, offset, length, scratch, 0);
        write(scratch, 0, n);
        return n;
    }

    /** Appends four bytes, to be set later with {@link #setInt}. */
    void skipInt() {
        write(new byte[4], 0, 4);
    }

    /** Sets the little-endian int at {@code at}, which may straddle two chunks. */
    void setInt(int at, int value) {
        for (int i = 0; i < 4; i++) {
            int p = at + i;
            chunks[p >>> SHIFT][p & MASK] = (byte) (value >>> (8 * i));
        }
    }

    /** Appends {@code bytes[from, from + length)} as they are. */
    void write(byte[] bytes, int from, int length) {
        for (int end = from + length; from < end; ) {
            if (size == capacity) {
                grow();
            }
            int n = Math.min(end - from, capacity - size);
            System.arraycopy(bytes, from, current, size & MASK, n);
            size += n;
            from += n;
        }
    }

    private void growFirst() {
        chunks[0] = current = Arrays.copyOf(current, Math.min(capacity * 2, CHUNK));
        capacity = current.length;
    }

    private void grow() {
        if (capacity < CHUNK) {
            growFirst();
            return;
        }
        int c = capacity >>> SHIFT;
        if (c == chunks.length) {
            chunks = Arrays.copyOf(chunks, c * 2);
        }
        chunks[c] = current = new byte[CHUNK];
        capacity += CHUNK;
    }

    /** Whether the {@code length} bytes at {@code at} are {@code bytes[from, from + length)}. */
    boolean matches(int at, byte[] bytes, int from, int length) {
        byte[] chunk = chunks[at >>> SHIFT];
        int offset = at & MASK;
        if (offset + length <= chunk.length) {
            return Arrays.equals(chunk, offset, offset + length, bytes, from, from + length);
        }
        for (int i = 0; i < length; i++) {
            int p = at + i;
            if (chunks[p >>> SHIFT][p & MASK] != bytes[from + i]) {
                return false;
            }
        }
        return true;
    }

    /** Writes every byte at {@code out}'s position and moves the position past them. */
    void copyTo(ByteBuffer out) {
        for (int c = 0, left = size; left > 0; c++, left -= CHUNK) {
            out.put(chunks[c], 0, Math.min(left, CHUNK));
        }
    }
}
