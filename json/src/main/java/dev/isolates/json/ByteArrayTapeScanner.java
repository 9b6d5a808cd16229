package dev.isolates.json;

import static dev.isolates.json.TapeDescriptor.ARRAY;
import static dev.isolates.json.TapeDescriptor.FALSE;
import static dev.isolates.json.TapeDescriptor.NULL;
import static dev.isolates.json.TapeDescriptor.OBJECT;
import static dev.isolates.json.TapeDescriptor.TRUE;

import com.fasterxml.jackson.core.io.NumberInput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads the tokens of a whole JSON document held in a byte array without Jackson, for the common
 * case, and gives them to a {@link ScannedTokens}: a tape writer, or a counter. The common case is
 * strict JSON in UTF-8 whose root is an object or an array, well inside Jackson's default
 * limits. At anything else it gives up ({@link #scan()} returns false): a byte order mark, a scalar
 * root, a malformed or unusual token (a leading zero, an escape Jackson refuses, UTF-8 that is
 * not well-formed), a limit come near. The caller then parses the same
 * bytes with Jackson, which writes the tape or raises its own error with its location. So an input
 * this scanner accepts is one Jackson accepts, and its tape is the one Jackson's tokens give; the
 * writer's primitives are shared, so the two cannot lay a value out differently. Not thread-safe:
 * one instance per document.
 */
final class ByteArrayTapeScanner {
    /** The largest input scanned: the tape of any larger one could pass what one buffer holds. */
    static final int MAX_INPUT = 256 << 20;
    /** Below Jackson's default nesting limit, 1000. */
    private static final int MAX_DEPTH = 999;
    /** Jackson's default longest number, in characters. */
    private static final int MAX_NUMBER_LENGTH = 1000;
    /** Jackson's default longest name is 50,000 characters: at most as many bytes are surely within it. */
    private static final int MAX_NAME_BYTES = 50_000;
    /**
     * Longer strings are left to Jackson, which gives the text of one of more than about 5.6 million
     * characters a length word of its own, depending on how it read it.
     */
    private static final int MAX_STRING_BYTES = 5_000_000;
    /** The most digits of an integer that surely fits in a long: Jackson checks the range of longer ones. */
    private static final int LONG_DIGITS = 18;

    private final byte[] in;
    private final int end;
    private final ScannedTokens out;
    private int pos;
    private boolean[] objects = new boolean[32];
    /** A string with escapes or characters past ASCII, decoded to UTF-8. */
    private byte[] text = new byte[64];
    private int textLength;
    private boolean textAscii;
    private char[] number = new char[32];

    /**
     * Gives every token of the whole of {@code json} to {@code out}, as {@link #scan()} does; false
     * also when the input is over {@link #MAX_INPUT}.
     */
    static boolean scanWhole(byte[] json, ScannedTokens out) throws IOException {
        return json.length <= MAX_INPUT && new ByteArrayTapeScanner(json, 0, json.length, out).scan();
    }

    ByteArrayTapeScanner(byte[] in, int from, int to, ScannedTokens out) {
        this.in = in;
        this.pos = from;
        this.end = to;
        this.out = out;
    }

    /**
     * Gives every token of the input to the output, or stops at the first it leaves to Jackson.
     *
     * @return true if the whole input was scanned (a tape writer then holds its tape, to
     *         {@linkplain TapeWriter#finish finish}); false if it is left to Jackson, when what the
     *         output took is to be dropped ({@link TapeWriter#release()})
     */
    boolean scan() throws IOException {
        int c = skipSpace();
        if (c != '{' && c != '[') {
            return false;
        }
        int depth = 0;
        while (true) {
            // a value starts at pos, with byte c
            if (c == '{' || c == '[') {
                boolean object = c == '{';
                if (depth == MAX_DEPTH) {
                    return false;
                }
                pos++;
                out.open(null);
                enter(depth++, object);
                c = skipSpace();
                if (c != (object ? '}' : ']')) {
                    if (object) {
                        if (!member(c)) {
                            return false;
                        }
                        c = skipSpace();
                    }
                    continue;
                }
                pos++;
                out.close(object ? OBJECT : ARRAY);
                depth--;
            } else if (!scalar(c)) {
                return false;
            }
            // after a value: the next one, the end of containers, or the end of the input
            while (true) {
                c = skipSpace();
                if (depth == 0) {
                    return c == -1;
                }
                boolean object = objects[depth - 1];
                if (c == ',') {
                    pos++;
                    c = skipSpace();
                    if (object) {
                        if (!member(c)) {
                            return false;
                        }
                        c = skipSpace();
                    }
                    break;
                }
                if (c != (object ? '}' : ']')) {
                    return false;
                }
                pos++;
                out.close(object ? OBJECT : ARRAY);
                depth--;
            }
        }
    }

    private void enter(int depth, boolean object) {
        if (depth == objects.length) {
            objects = Arrays.copyOf(objects, depth * 2);
        }
        objects[depth] = object;
    }

    /** Skips JSON whitespace; the byte then at {@code pos}, or -1 at the end of the input. */
    private int skipSpace() {
        while (pos < end) {
            int c = in[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return c;
            }
            pos++;
        }
        return -1;
    }

    /** A member's name and the colon after it, {@code c} being the byte at {@code pos}. */
    private boolean member(int c) throws IOException {
        if (c != '"') {
            return false;
        }
        int start = ++pos;
        int predicted = out.predictedKey(in, start, end);
        if (predicted >= 0) {
            pos = start + predicted + 1;
        } else {
            int stop = RawStringParser.firstSpecial(in, start, Math.min(end, start + MAX_NAME_BYTES));
            if (stop < end && in[stop] == '"') {
                out.key(in, start, stop - start, true);
                pos = stop + 1;
            } else if (decode(MAX_NAME_BYTES)) {
                out.key(text, 0, textLength, false);
            } else {
                return false;
            }
        }
        if (skipSpace() != ':') {
            return false;
        }
        pos++;
        return true;
    }

    private boolean scalar(int c) throws IOException {
        return switch (c) {
            case '"' -> string();
            case 't' -> literal("true", TRUE);
            case 'f' -> literal("false", FALSE);
            case 'n' -> literal("null", NULL);
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> number();
            default -> false;
        };
    }

    private boolean string() throws IOException {
        int start = ++pos;
        int stop = RawStringParser.firstSpecial(in, start, Math.min(end, start + MAX_STRING_BYTES));
        if (stop < end && in[stop] == '"') {
            out.rawString(in, start, stop - start, null);
            pos = stop + 1;
            return true;
        }
        if (!decode(MAX_STRING_BYTES)) {
            return false;
        }
        if (textAscii) {
            out.rawString(text, 0, textLength, null);
        } else {
            out.utf8String(text, 0, textLength, null);
        }
        return true;
    }

    /**
     * Decodes the string from {@code pos} to its closing quote into {@code text} as UTF-8, and moves
     * past the quote. False, leaving it to Jackson, at a control character, an escape Jackson would
     * refuse, UTF-8 that is not well-formed, or more than {@code most} bytes.
     */
    private boolean decode(int most) {
        int n = 0;
        boolean ascii = true;
        int i = pos;
        while (true) {
            if (i >= end || n > most) {
                return false;
            }
            if (text.length - n < 4) {
                text = Arrays.copyOf(text, text.length * 2);
            }
            int b = in[i] & 0xFF;
            if (b == '"') {
                break;
            }
            if (b == '\\') {
                if (i + 1 >= end) {
                    return false;
                }
                int e = in[i + 1];
                int ch = switch (e) {
                    case '"', '\\', '/' -> e;
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'u' -> hex4(i + 2);
                    default -> -1;
                };
                if (ch < 0) {
                    return false;
                }
                i += e == 'u' ? 6 : 2;
                int low = Character.isHighSurrogate((char) ch) && i + 6 <= end && in[i] == '\\' && in[i + 1] == 'u'
                        ? hex4(i + 2) : -1;
                if (low >= 0 && Character.isLowSurrogate((char) low)) {
                    n = putUtf8(Character.toCodePoint((char) ch, (char) low), n);
                    i += 6;
                } else {
                    n = putUtf8(ch, n); // a lone surrogate takes three bytes, as TapeStrings encodes it
                }
                ascii &= ch < 0x80;
            } else if (b < 0x20) {
                return false;
            } else if (b < 0x80) {
                text[n++] = (byte) b;
                i++;
            } else {
                int length = wellFormed(i);
                if (length == 0) {
                    return false;
                }
                System.arraycopy(in, i, text, n, length);
                n += length;
                i += length;
                ascii = false;
            }
        }
        pos = i + 1;
        textLength = n;
        textAscii = ascii;
        return true;
    }

    /** The value of the four hex digits at {@code at}, or -1. */
    private int hex4(int at) {
        if (at + 4 > end) {
            return -1;
        }
        int v = 0;
        for (int i = at; i < at + 4; i++) {
            int d = Character.digit(in[i], 16);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }

    private int putUtf8(int cp, int n) {
        if (cp < 0x80) {
            text[n++] = (byte) cp;
        } else if (cp < 0x800) {
            text[n++] = (byte) (0xC0 | cp >> 6);
            text[n++] = (byte) (0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            text[n++] = (byte) (0xE0 | cp >> 12);
            text[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
            text[n++] = (byte) (0x80 | cp & 0x3F);
        } else {
            text[n++] = (byte) (0xF0 | cp >> 18);
            text[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
            text[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
            text[n++] = (byte) (0x80 | cp & 0x3F);
        }
        return n;
    }

    /**
     * The length of the well-formed UTF-8 sequence (RFC 3629: no overlong form, no surrogate, none
     * past U+10FFFF) of two to four bytes at {@code at}, or 0.
     */
    private int wellFormed(int at) {
        int b = in[at] & 0xFF;
        int length;
        int low = 0x80;
        int high = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            length = 2;
        } else if (b >= 0xE0 && b <= 0xEF) {
            length = 3;
            if (b == 0xE0) {
                low = 0xA0;
            } else if (b == 0xED) {
                high = 0x9F;
            }
        } else if (b >= 0xF0 && b <= 0xF4) {
            length = 4;
            if (b == 0xF0) {
                low = 0x90;
            } else if (b == 0xF4) {
                high = 0x8F;
            }
        } else {
            return 0;
        }
        if (at + length > end) {
            return 0;
        }
        int second = in[at + 1] & 0xFF;
        if (second < low || second > high) {
            return 0;
        }
        for (int i = at + 2; i < at + length; i++) {
            if ((in[i] & 0xC0) != 0x80) {
                return 0;
            }
        }
        return length;
    }

    private boolean literal(String word, int tag) throws IOException {
        int n = word.length();
        if (pos + n >= end) { // a literal cannot end the input: the root is a container
            return false;
        }
        for (int i = 1; i < n; i++) {
            if (in[pos + i] != word.charAt(i)) {
                return false;
            }
        }
        if (!separator(in[pos + n])) {
            return false;
        }
        pos += n;
        out.scalar(TapeDescriptor.word(tag, 0), null);
        return true;
    }

    /** Whether {@code c} may follow a number or a literal: whitespace, a comma or a closing bracket. */
    private static boolean separator(int c) {
        return c == ',' || c == ']' || c == '}' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private static boolean digit(int c) {
        return c >= '0' && c <= '9';
    }

    /** A number as JSON writes one: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    private boolean number() throws IOException {
        int start = pos;
        int i = start;
        boolean negative = in[i] == '-';
        if (negative) {
            i++;
        }
        if (i >= end || !digit(in[i])) {
            return false;
        }
        long unscaled = 0; // of the first digits: exact while there are at most 18
        int digits = 0;
        if (in[i] == '0') {
            i++;
            digits++;
            if (i < end && digit(in[i])) {
                return false; // a leading zero: Jackson's to refuse
            }
        } else {
            for (; i < end && digit(in[i]); i++, digits++) {
                unscaled = unscaled * 10 + (in[i] - '0');
            }
        }
        boolean fraction = i < end && in[i] == '.';
        int scale = 0;
        if (fraction) {
            int first = ++i;
            for (; i < end && digit(in[i]); i++, digits++) {
                unscaled = unscaled * 10 + (in[i] - '0');
            }
            scale = i - first;
            if (scale == 0) {
                return false;
            }
        }
        boolean exponent = i < end && (in[i] | 0x20) == 'e';
        if (exponent) {
            i++;
            if (i < end && (in[i] == '+' || in[i] == '-')) {
                i++;
            }
            int first = i;
            while (i < end && digit(in[i])) {
                i++;
            }
            if (i == first) {
                return false;
            }
        }
        int length = i - start;
        if (i >= end || !separator(in[i]) || length > MAX_NUMBER_LENGTH) {
            return false;
        }
        pos = i;
        boolean exact = digits <= LONG_DIGITS;
        long value = negative ? -unscaled : unscaled;
        if (!fraction && !exponent) {
            if (exact && !(negative && unscaled == 0)) {
                out.integer(value, null);
            } else if (!exact && NumberInput.inLongRange(text(start, length), negative ? 1 : 0, digits, negative)) {
                out.integer(Long.parseLong(new String(number, 0, length)), null);
            } else {
                out.integerText(text(start, length), 0, length, null); // too large for a long, or "-0"
            }
        } else if (exact && !exponent && TapeWriter.isPlainDecimal(true, scale, negative, unscaled)) {
            out.plainDecimal(value, scale, TapeDescriptor.fitsDecimalWord(value) ? null : text(start, length), 0, length,
                    null);
        } else {
            out.decimalText(text(start, length), 0, length, null);
        }
        return true;
    }

    /** The {@code length} bytes of a number at {@code start}, as characters in {@code number}. */
    private char[] text(int start, int length) {
        if (number.length < length) {
            number = new char[Math.max(length, number.length * 2)];
        }
        for (int k = 0; k < length; k++) {
            number[k] = (char) in[start + k];
        }
        return number;
    }
}
