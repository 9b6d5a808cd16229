package dev.isolates.json;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Jackson's UTF-8 parser, which can also hand over a string value's bytes as they are in the input
 * when they need no decoding: printable ASCII with no escape, up to a closing quote already in the
 * input buffer. Such bytes are their own UTF-8, so a tape takes them with one copy, where the
 * parser's own way decodes them to characters that the tape then encodes again. Any other string
 * is left to Jackson, which checks and decodes it as always. Not thread-safe, as any parser.
 */
final class RawStringParser extends UTF8StreamJsonParser {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;

    /** Where the last string handed over starts in {@link #rawBuffer()}. */
    private int rawStart;

    RawStringParser(IOContext context, int features, InputStream in, ObjectCodec codec, ByteQuadsCanonicalizer names,
                    byte[] buffer, int start, int end, int preProcessed, boolean recyclable) {
        super(context, features, in, codec, names, buffer, start, end, preProcessed, recyclable);
    }

    /**
     * Completes the current string value without decoding it, if it needs none: then its bytes are
     * {@code rawBuffer()[rawStart(), rawStart() + length)} until the next token, and the length is
     * returned. Otherwise returns -1 and leaves the token as it was, for {@code getText} and the like.
     */
    int rawString() {
        if (!_tokenIncomplete || _currToken != JsonToken.VALUE_STRING) {
            return -1;
        }
        byte[] in = _inputBuffer;
        int start = _inputPtr;
        // one past the longest string allowed: a longer one is Jackson's to refuse
        int end = (int) Math.min(_inputEnd, start + (long) _streamReadConstraints.getMaxStringLength() + 1);
        int i = firstSpecial(in, start, end);
        if (i < end && in[i] == '"') {
            _tokenIncomplete = false;
            _inputPtr = i + 1;
            rawStart = start;
            return i - start;
        }
        return -1;
    }

    /**
     * The index of the first byte of {@code in[from, end)} that is a quote, a backslash, below
     * 0x20 or past ASCII, or {@code end} if there is none; eight bytes at a time where it can.
     */
    static int firstSpecial(byte[] in, int from, int end) {
        int i = from;
        for (; i + 8 <= end; i += 8) {
            if (special((long) LONGS.get(in, i))) {
                break;
            }
        }
        for (; i < end; i++) {
            int c = in[i];
            if (c == '"' || c < 0x20 || c == '\\') { // a byte of a multi-byte character is negative
                return i;
            }
        }
        return end;
    }

    /** The array the bytes of the string {@link #rawString()} handed over are in. */
    byte[] rawBuffer() {
        return _inputBuffer;
    }

    /** Where the string {@link #rawString()} handed over starts in {@link #rawBuffer()}. */
    int rawStart() {
        return rawStart;
    }

    /** Whether any of eight bytes is a quote, a backslash, below 0x20 or above 0x7F. */
    private static boolean special(long bytes) {
        long quotes = bytes ^ (0x22 * ONES);
        long backslashes = bytes ^ (0x5C * ONES);
        return ((((quotes - ONES) & ~quotes) | ((backslashes - ONES) & ~backslashes) | (bytes - 0x20 * ONES) | bytes)
                & HIGHS) != 0;
    }
}
