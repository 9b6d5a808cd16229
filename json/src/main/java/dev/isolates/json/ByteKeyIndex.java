package dev.isolates.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A tape's key indexes by the keys' UTF-8 bytes, for {@link ByteArrayTapeScanner}: open addressing
 * on the bytes' hash, each candidate compared with the key's bytes where the tape's string area
 * holds them. Keys mostly come in the same order, object after object, so each key remembers the
 * key that came after it last ({@link #predicted}): a name that is that key needs no hash and no
 * lookup. Not thread-safe: one per {@link TapeWriter}.
 */
final class ByteKeyIndex {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Dropped for a smaller table on {@link #clear()} past this many slots. */
    private static final int KEPT_SLOTS = 8192;

    private int[] indexes = new int[64]; // key index + 1 by slot; 0 when free
    private int[] hashes = new int[64];
    private int size;
    /** The bytes of keys that need no decoding, one after another, for {@link #predicted}. */
    private byte[] plain = new byte[1024];
    private int plainSize;
    /** By key index: where its bytes are in {@code plain}, or -1 if it needed decoding. */
    private int[] plainOffsets = new int[64];
    private int[] plainLengths = new int[64];
    /** By key index: the key that came right after it last, or -1. */
    private int[] following = new int[64];
    private int last = -1;

    /** The hash {@link #find} and {@link #add} take for {@code bytes[from, from + length)}. */
    static int hash(byte[] bytes, int from, int length) {
        int h = length;
        for (int i = from, end = from + length; i < end; i++) {
            h = 31 * h + bytes[i];
        }
        return h ^ (h >>> 15) * 0x2C1B3C6D;
    }

    /**
     * The index of the key whose bytes are {@code bytes[from, from + length)}, or -1 if it has none yet.
     *
     * @param offsets where each key's bytes start in {@code strings}, by key index
     * @param lengths each key's length in bytes, by key index
     */
    int find(byte[] bytes, int from, int length, int hash, ByteChunks strings, int[] offsets, int[] lengths) {
        int mask = indexes.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int entry = indexes[slot];
            if (entry == 0) {
                return -1;
            }
            int k = entry - 1;
            if (hashes[slot] == hash && lengths[k] == length && strings.matches(offsets[k], bytes, from, length)) {
                return k;
            }
        }
    }

    /**
     * The index of the key that came after the last key {@link #seen} when it was seen before, if
     * {@code in} at {@code at} holds that key's bytes and a closing quote; else -1. The key's length
     * is then {@link #length}.
     */
    int predicted(byte[] in, int at, int end) {
        if (last < 0) {
            return -1;
        }
        int k = following[last];
        if (k < 0) {
            return -1;
        }
        int offset = plainOffsets[k];
        int length = plainLengths[k];
        if (offset < 0 || at + length >= end || in[at + length] != '"') {
            return -1;
        }
        if (length <= Long.BYTES && at + Long.BYTES <= end) { // most names: one masked compare
            long mask = length == Long.BYTES ? -1L : (1L << (8 * length)) - 1;
            return (((long) LONGS.get(in, at) ^ (long) LONGS.get(plain, offset)) & mask) == 0 ? k : -1;
        }
        return Arrays.equals(in, at, at + length, plain, offset, offset + length) ? k : -1;
    }

    /** The length in bytes of key {@code index}, if it needed no decoding. */
    int length(int index) {
        return plainLengths[index];
    }

    /** Notes that key {@code index} came next, for {@link #predicted}. */
    void seen(int index) {
        if (last >= 0) {
            following[last] = index;
        }
        last = index;
    }

    /**
     * Adds key {@code index}, of {@code bytes[from, from + length)}, whose hash is {@code hash} and
     * which {@link #find} did not find; {@code needsNoDecoding} if those are the bytes of the input.
     */
    void add(int index, int hash, byte[] bytes, int from, int length, boolean needsNoDecoding) {
        if (2 * (size + 1) > indexes.length) {
            grow();
        }
        put(index + 1, hash);
        size++;
        if (index == following.length) {
            following = Arrays.copyOf(following, index * 2);
            plainOffsets = Arrays.copyOf(plainOffsets, index * 2);
            plainLengths = Arrays.copyOf(plainLengths, index * 2);
        }
        following[index] = -1;
        plainOffsets[index] = -1;
        if (needsNoDecoding) {
            // room for a long read at any key's start
            if (plain.length - plainSize < length + Long.BYTES) {
                plain = Arrays.copyOf(plain, Math.max(plain.length * 2, plainSize + length + Long.BYTES));
            }
            System.arraycopy(bytes, from, plain, plainSize, length);
            plainOffsets[index] = plainSize;
            plainLengths[index] = length;
            plainSize += length;
        }
    }

    /** Forgets every key, for another document. */
    void clear() {
        if (indexes.length > KEPT_SLOTS) {
            indexes = new int[64];
            hashes = new int[64];
            following = new int[64];
            plainOffsets = new int[64];
            plainLengths = new int[64];
        } else if (size > 0) {
            Arrays.fill(indexes, 0);
        }
        if (plain.length > KEPT_SLOTS * 16) {
            plain = new byte[1024];
        }
        size = 0;
        plainSize = 0;
        last = -1;
    }

    private void put(int entry, int hash) {
        int mask = indexes.length - 1;
        int slot = hash & mask;
        while (indexes[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        indexes[slot] = entry;
        hashes[slot] = hash;
    }

    private void grow() {
        int[] oldIndexes = indexes;
        int[] oldHashes = hashes;
        indexes = new int[oldIndexes.length * 2];
        hashes = new int[oldIndexes.length * 2];
        for (int s = 0; s < oldIndexes.length; s++) {
            if (oldIndexes[s] != 0) {
                put(oldIndexes[s], oldHashes[s]);
            }
        }
    }
}
