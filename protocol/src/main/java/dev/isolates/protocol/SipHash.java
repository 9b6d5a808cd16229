package dev.isolates.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * SipHash-2-4 (Aumasson and Bernstein, 2012): a keyed pseudo-random function for short messages,
 * here the 64-bit tag of every channel message. Fed in pieces with {@link #update}, then
 * {@link #finish}ed; {@link #start()} begins the next message under the same key.
 *
 * <p>Not thread-safe: each channel direction has its own.
 */
final class SipHash {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long k0;
    private final long k1;
    private long v0;
    private long v1;
    private long v2;
    private long v3;
    /** Bytes fed since the last whole word, low byte first. */
    private long pending;
    private int pendingBytes;
    private long length;

    /** A hash under the 128-bit key {@code (k0, k1)}, the key's bytes 0..7 and 8..15 read little-endian. */
    SipHash(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
        start();
    }

    /** Begins a new message. */
    void start() {
        v0 = k0 ^ 0x736f6d6570736575L;
        v1 = k1 ^ 0x646f72616e646f6dL;
        v2 = k0 ^ 0x6c7967656e657261L;
        v3 = k1 ^ 0x7465646279746573L;
        pending = 0;
        pendingBytes = 0;
        length = 0;
    }

    /** Feeds the eight bytes of {@code word}, little-endian. */
    void update(long word) {
        if (pendingBytes == 0) {
            length += 8;
            compress(word);
            return;
        }
        for (int i = 0; i < 8; i++) {
            updateByte((byte) (word >>> (8 * i)));
        }
    }

    /** Feeds {@code count} bytes of {@code bytes} from {@code offset}. */
    void update(byte[] bytes, int offset, int count) {
        int i = offset;
        int end = offset + count;
        while (pendingBytes != 0 && i < end) {
            updateByte(bytes[i++]);
        }
        int words = (end - i) >>> 3;
        for (int w = 0; w < words; w++, i += 8) {
            compress((long) LONGS.get(bytes, i));
        }
        length += 8L * words;
        while (i < end) {
            updateByte(bytes[i++]);
        }
    }

    private void updateByte(byte b) {
        pending |= (b & 0xffL) << (8 * pendingBytes);
        length++;
        if (++pendingBytes == 8) {
            compress(pending);
            pending = 0;
            pendingBytes = 0;
        }
    }

    /** The tag of what was fed since {@link #start()}; call {@link #start()} before feeding again. */
    long finish() {
        compress(pending | (length << 56));
        v2 ^= 0xff;
        round();
        round();
        round();
        round();
        return v0 ^ v1 ^ v2 ^ v3;
    }

    private void compress(long m) {
        v3 ^= m;
        round();
        round();
        v0 ^= m;
    }

    private void round() {
        v0 += v1;
        v1 = Long.rotateLeft(v1, 13);
        v1 ^= v0;
        v0 = Long.rotateLeft(v0, 32);
        v2 += v3;
        v3 = Long.rotateLeft(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = Long.rotateLeft(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = Long.rotateLeft(v1, 17);
        v1 ^= v2;
        v2 = Long.rotateLeft(v2, 32);
    }
}
