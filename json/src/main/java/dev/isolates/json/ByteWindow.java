package dev.isolates.json;

import java.nio.ByteBuffer;

/**
 * A reader's copy of a stretch of a direct buffer's bytes, moved forward in one bulk read when bytes
 * outside it are asked for. A tape's strings lie in document order, so a reader going forward finds
 * most of them already copied, and decodes each from the array without a bulk read of its own.
 * Not thread-safe: one per reader.
 */
final class ByteWindow {
    private static final int BYTES = 16 * 1024;

    private final byte[] bytes = new byte[BYTES];
    /** The buffer position of {@code bytes[0]}; the window is empty while {@code end <= start}. */
    private int start;
    private int end;

    /** The string of {@code length} bytes at {@code at} in {@code buffer}, which must be the same buffer each call. */
    String decode(ByteBuffer buffer, int at, int length) {
        if (at >= start && at + length <= end) {
            return TapeStrings.decode(bytes, at - start, length);
        }
        if (length > BYTES / 4) {
            return TapeStrings.decode(buffer, at, length); // a long string: copied alone
        }
        int n = Math.min(BYTES, buffer.limit() - at);
        buffer.get(at, bytes, 0, n);
        start = at;
        end = at + n;
        return TapeStrings.decode(bytes, 0, length);
    }
}
