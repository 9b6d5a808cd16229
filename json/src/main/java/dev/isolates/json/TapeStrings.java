package dev.isolates.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 as the tape stores it: standard UTF-8, except that a lone surrogate (which JSON's
 * {@code \}{@code uD800} escapes can make and Jackson keeps) is written in its 3-byte form, so every Java
 * string comes back unchanged. Stateless.
 */
final class TapeStrings {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private TapeStrings() {
    }

    /** The most bytes {@code chars} characters take. */
    static long maxBytes(int chars) {
        return chars * 3L;
    }

    /** Encodes {@code chars[offset, offset + length)} into {@code out} at {@code at}; returns the bytes written. */
    static int encode(char[] chars, int offset, int length, byte[] out, int at) {
        int p = at;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            char c = chars[i];
            if (c < 0x80) {
                out[p++] = (byte) c;
            } else if (c < 0x800) {
                out[p++] = (byte) (0xC0 | (c >> 6));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
                int cp = Character.toCodePoint(c, chars[++i]);
                out[p++] = (byte) (0xF0 | (cp >> 18));
                out[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[p++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                out[p++] = (byte) (0xE0 | (c >> 12));
                out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return p - at;
    }

    /** Decodes {@code length} bytes of {@code tape} from {@code at}; a malformed sequence is refused. */
    static String decode(ByteBuffer tape, int at, int length) {
        return decode(tape, at, length, null);
    }

    /** As {@link #decode(ByteBuffer, int, int)}, reading the bytes of a direct buffer through {@code window} if given. */
    static String decode(ByteBuffer tape, int at, int length, ByteWindow window) {
        if (tape.hasArray()) {
            return decode(tape.array(), tape.arrayOffset() + at, length);
        }
        if (window != null) {
            return window.decode(tape, at, length);
        }
        byte[] bytes = new byte[length];
        tape.get(at, bytes, 0, length);
        return decode(bytes, 0, length);
    }

    static String decode(byte[] bytes, int from, int length) {
        int end = from + length;
        if (isAscii(bytes, from, end)) {
            return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
        }
        char[] chars = new char[length];
        int n = 0;
        int i = from;
        while (i < end) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                chars[n++] = (char) b;
                i++;
            } else if (b >= 0xC2 && b < 0xE0 && i + 1 < end) {
                chars[n++] = (char) (((b & 0x1F) << 6) | continuation(bytes[i + 1]));
                i += 2;
            } else if (b >= 0xE0 && b < 0xF0 && i + 2 < end) {
                int c = ((b & 0x0F) << 12) | (continuation(bytes[i + 1]) << 6) | continuation(bytes[i + 2]);
                if (c < 0x800) {
                    throw malformed(i);
                }
                chars[n++] = (char) c;
                i += 3;
            } else if (b >= 0xF0 && b < 0xF5 && i + 3 < end) {
                int cp = ((b & 0x07) << 18) | (continuation(bytes[i + 1]) << 12) | (continuation(bytes[i + 2]) << 6)
                        | continuation(bytes[i + 3]);
                if (cp < 0x10000 || cp > Character.MAX_CODE_POINT) {
                    throw malformed(i);
                }
                chars[n++] = Character.highSurrogate(cp);
                chars[n++] = Character.lowSurrogate(cp);
                i += 4;
            } else {
                throw malformed(i);
            }
        }
        return new String(chars, 0, n);
    }

    /** Whether {@code bytes[from, end)} are all below 0x80: eight at a time, then one at a time. */
    private static boolean isAscii(byte[] bytes, int from, int end) {
        int i = from;
        for (; i + 8 <= end; i += 8) {
            if (((long) LONGS.get(bytes, i) & 0x8080_8080_8080_8080L) != 0) {
                return false;
            }
        }
        for (; i < end; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static int continuation(byte b) {
        if ((b & 0xC0) != 0x80) {
            throw new CorruptTapeException("a string in the tape is not UTF-8: byte 0x"
                    + Integer.toHexString(b & 0xFF) + " where a continuation byte belongs");
        }
        return b & 0x3F;
    }

    private static CorruptTapeException malformed(int at) {
        return new CorruptTapeException("a string in the tape is not UTF-8 (at byte " + at + " of its string bytes)");
    }
}
