package dev.isolates.json;

import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;

/**
 * The tape's words while a document is parsed. A small first chunk grows up to 1 MiB, then full
 * chunks are added, so a large document is never copied to grow and the heap holds its words once.
 * Not thread-safe.
 */
final class WordChunks {
    private static final int SHIFT = 17;
    private static final int CHUNK = 1 << SHIFT; // words: 1 MiB
    private static final int MASK = CHUNK - 1;

    private long[][] chunks = {new long[1024]};
    private long[] current = chunks[0];
    private int capacity = current.length;
    private int size;

    int size() {
        return size;
    }

    /** Empties the chunks for another document, keeping the first (at most 1 MiB) and dropping the rest. */
    void clear() {
        if (chunks.length > 1) {
            chunks = new long[][] {chunks[0]};
        }
        current = chunks[0];
        capacity = current.length;
        size = 0;
    }

    void add(long word) {
        if (size == capacity) {
            grow();
        }
        current[size & MASK] = word;
        size++;
    }

    void set(int index, long word) {
        chunks[index >>> SHIFT][index & MASK] = word;
    }

    private void grow() {
        if (capacity < CHUNK) {
            chunks[0] = current = Arrays.copyOf(current, Math.min(capacity * 2, CHUNK));
            capacity = current.length;
            return;
        }
        int c = capacity >>> SHIFT;
        if (c == chunks.length) {
            chunks = Arrays.copyOf(chunks, c * 2);
        }
        chunks[c] = current = new long[CHUNK];
        capacity += CHUNK;
    }

    /** Writes every word at {@code out}'s position (little-endian) and moves the position past them. */
    void copyTo(ByteBuffer out) {
        LongBuffer longs = out.asLongBuffer();
        for (int c = 0, left = size; left > 0; c++, left -= CHUNK) {
            longs.put(chunks[c], 0, Math.min(left, CHUNK));
        }
        out.position(out.position() + size * 8);
    }
}
