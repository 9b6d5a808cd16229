package dev.isolates.json;

import static dev.isolates.json.TapeDescriptor.ARRAY;
import static dev.isolates.json.TapeDescriptor.DECIMAL_WIDE;
import static dev.isolates.json.TapeDescriptor.FALSE;
import static dev.isolates.json.TapeDescriptor.INT;
import static dev.isolates.json.TapeDescriptor.INTEGER_TEXT;
import static dev.isolates.json.TapeDescriptor.KEY;
import static dev.isolates.json.TapeDescriptor.LONG;
import static dev.isolates.json.TapeDescriptor.LONG_STRING;
import static dev.isolates.json.TapeDescriptor.NULL;
import static dev.isolates.json.TapeDescriptor.NUMBER_TEXT;
import static dev.isolates.json.TapeDescriptor.OBJECT;
import static dev.isolates.json.TapeDescriptor.STRING;
import static dev.isolates.json.TapeDescriptor.STRING_INLINE;
import static dev.isolates.json.TapeDescriptor.TRUE;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.NumberInput;
import dev.isolates.TransferableBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;

/**
 * Lays out one JSON value, token by token from a Jackson parser, as a tape ({@link TapeDescriptor}),
 * then copies it into a {@link TransferableBuffer}. Not thread-safe; one writer per document.
 */
final class TapeWriter {
    /** The most bytes one tape takes: what one {@link TransferableBuffer} holds. */
    static final long MAX_TAPE_BYTES = Integer.MAX_VALUE - 8192;

    private long[] words = new long[1024];
    private int wordCount;
    private byte[] strings = new byte[4096];
    private int stringBytes;
    private final HashMap<String, Integer> keyIndex = new HashMap<>();
    private int[] keyOffsets = new int[64];
    private int[] keyLengths = new int[64];
    private int[] openStarts = new int[32];
    private int[] openCounts = new int[32];
    private int depth;

    /**
     * Writes the value that starts at {@code parser}'s current token, leaving the parser on the
     * value's last token.
     */
    TransferableBuffer write(JsonParser parser) throws IOException {
        JsonToken t = parser.currentToken();
        while (true) {
            switch (t) {
                case START_OBJECT, START_ARRAY -> open(parser);
                case END_OBJECT, END_ARRAY -> close(t == JsonToken.END_OBJECT ? OBJECT : ARRAY);
                case FIELD_NAME -> key(parser.currentName(), parser);
                case VALUE_STRING -> string(parser);
                case VALUE_NUMBER_INT -> integer(parser);
                case VALUE_NUMBER_FLOAT -> decimal(parser);
                case VALUE_TRUE -> scalar(TapeDescriptor.word(TRUE, 0), parser);
                case VALUE_FALSE -> scalar(TapeDescriptor.word(FALSE, 0), parser);
                case VALUE_NULL -> scalar(TapeDescriptor.word(NULL, 0), parser);
                default -> throw new StreamConstraintsException("a JSON document cannot hold a " + t + " token",
                        parser.currentLocation());
            }
            if (depth == 0) {
                return finish(parser);
            }
            t = parser.nextToken();
            if (t == null) {
                throw new com.fasterxml.jackson.core.JsonParseException(parser, "unexpected end of input inside "
                        + (depth == 1 ? "the root value" : "a value nested " + depth + " deep"));
            }
        }
    }

    private void open(JsonParser parser) throws IOException {
        if (depth == openStarts.length) {
            openStarts = Arrays.copyOf(openStarts, depth * 2);
            openCounts = Arrays.copyOf(openCounts, depth * 2);
        }
        openStarts[depth] = wordCount;
        openCounts[depth] = 0;
        depth++;
        append(0, parser); // the container's word, filled in when it ends
    }

    private void close(int tag) {
        depth--;
        int start = openStarts[depth];
        words[start] = TapeDescriptor.container(tag, openCounts[depth], wordCount - start);
        counted();
    }

    private void key(String name, JsonParser parser) throws IOException {
        Integer index = keyIndex.get(name);
        if (index == null) {
            index = keyIndex.size();
            char[] chars = name.toCharArray();
            int offset = stringBytes;
            int length = encode(chars, 0, chars.length, parser);
            if (index == keyOffsets.length) {
                keyOffsets = Arrays.copyOf(keyOffsets, index * 2);
                keyLengths = Arrays.copyOf(keyLengths, index * 2);
            }
            keyOffsets[index] = offset;
            keyLengths[index] = length;
            keyIndex.put(name, index);
        }
        append(TapeDescriptor.word(KEY, index), parser);
    }

    private void string(JsonParser parser) throws IOException {
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        if (length <= TapeDescriptor.MAX_INLINE_STRING) {
            long inline = 0;
            int n = 0;
            for (int i = 0; i < length && n <= TapeDescriptor.MAX_INLINE_STRING; i++) {
                char c = chars[offset + i];
                if (c >= 0x80) {
                    n = Integer.MAX_VALUE;
                    break;
                }
                inline |= (long) c << (8 * n++);
            }
            if (n <= TapeDescriptor.MAX_INLINE_STRING) {
                scalar(TapeDescriptor.word(STRING_INLINE + n, inline), parser);
                return;
            }
        }
        text(STRING, chars, offset, length, parser);
        counted();
    }

    /** A string of bytes in the string area: a STRING-shaped word of {@code tag}. */
    private void text(int tag, char[] chars, int offset, int length, JsonParser parser) throws IOException {
        boolean mayBeLong = TapeStrings.maxBytes(length) >= LONG_STRING;
        int at = stringBytes;
        if (mayBeLong) {
            reserveStrings(4, parser);
            stringBytes += 4;
        }
        int n = encode(chars, offset, length, parser);
        if (mayBeLong) {
            ByteBuffer.wrap(strings, at, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(n);
            append(TapeDescriptor.text(tag, LONG_STRING, at), parser);
        } else {
            append(TapeDescriptor.text(tag, n, at), parser);
        }
    }

    private void integer(JsonParser parser) throws IOException {
        JsonParser.NumberType type = parser.getNumberType();
        if (type == JsonParser.NumberType.BIG_INTEGER) {
            numberText(INTEGER_TEXT, parser);
        } else {
            long v = parser.getLongValue();
            if (v == 0 && parser.getTextCharacters()[parser.getTextOffset()] == '-') {
                numberText(INTEGER_TEXT, parser); // "-0", as written
            } else if (v >= TapeDescriptor.MIN_INT && v <= TapeDescriptor.MAX_INT) {
                append(TapeDescriptor.word(INT, v), parser);
            } else {
                append(TapeDescriptor.word(LONG, 0), parser);
                append(v, parser);
            }
        }
        counted();
    }

    private void decimal(JsonParser parser) throws IOException {
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        int end = offset + length;
        int i = offset;
        boolean negative = chars[i] == '-';
        if (negative) {
            i++;
        }
        long unscaled = 0;
        int digits = 0;
        int scale = -1;
        for (; i < end; i++) {
            char c = chars[i];
            if (c >= '0' && c <= '9') {
                if (++digits > TapeDescriptor.MAX_DECIMAL_SCALE) { // 18 digits fit in a long
                    break;
                }
                unscaled = unscaled * 10 + (c - '0');
                if (scale >= 0) {
                    scale++;
                }
            } else if (c == '.' && scale < 0) {
                scale = 0;
            } else {
                break; // an exponent
            }
        }
        boolean plain = i == end && scale > 0 && !(negative && unscaled == 0);
        if (!plain) {
            numberText(NUMBER_TEXT, parser);
            append(Double.doubleToRawLongBits(nearestDouble(chars, offset, length)), parser);
        } else {
            long value = negative ? -unscaled : unscaled;
            if (value >= TapeDescriptor.MIN_DECIMAL_UNSCALED && value <= TapeDescriptor.MAX_DECIMAL_UNSCALED && scale <= Byte.MAX_VALUE) {
                append(TapeDescriptor.decimal(scale, value), parser);
            } else {
                append(TapeDescriptor.word(DECIMAL_WIDE, scale), parser);
                append(value, parser);
                append(Double.doubleToRawLongBits(nearestDouble(chars, offset, length)), parser);
            }
        }
        counted();
    }

    /**
     * From the text, not {@code parser.getDoubleValue()}: after a big integer's number type was
     * asked for, Jackson 2.18 can answer a later token's double with the integer's value.
     */
    private static double nearestDouble(char[] chars, int offset, int length) {
        return NumberInput.parseDouble(new String(chars, offset, length), true);
    }

    private void numberText(int tag, JsonParser parser) throws IOException {
        text(tag, parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength(), parser);
    }

    private void scalar(long word, JsonParser parser) throws IOException {
        append(word, parser);
        counted();
    }

    private void counted() {
        if (depth > 0) {
            openCounts[depth - 1]++;
        }
    }

    private void append(long word, JsonParser parser) throws IOException {
        if (wordCount == words.length) {
            if (tapeBytes(words.length) > MAX_TAPE_BYTES) {
                throw tooLarge(parser);
            }
            words = Arrays.copyOf(words, (int) Math.min((long) words.length * 2, MAX_TAPE_BYTES / 8));
        }
        words[wordCount++] = word;
    }

    private int encode(char[] chars, int offset, int length, JsonParser parser) throws IOException {
        reserveStrings(TapeStrings.maxBytes(length), parser);
        int n = TapeStrings.encode(chars, offset, length, strings, stringBytes);
        stringBytes += n;
        return n;
    }

    private void reserveStrings(long more, JsonParser parser) throws IOException {
        long needed = stringBytes + more;
        if (needed > strings.length) {
            if (needed > MAX_TAPE_BYTES) {
                throw tooLarge(parser);
            }
            strings = Arrays.copyOf(strings, (int) Math.min(Math.max(needed, (long) strings.length * 2), MAX_TAPE_BYTES));
        }
    }

    private long tapeBytes(long words) {
        return TapeDescriptor.HEADER_BYTES + words * 8 + (long) keyIndex.size() * TapeDescriptor.KEY_ENTRY_BYTES + stringBytes;
    }

    private StreamConstraintsException tooLarge(JsonParser parser) {
        return new StreamConstraintsException("the parsed document would take more than " + MAX_TAPE_BYTES
                + " bytes, the most one JsonDocument holds (one TransferableBuffer); split the input into smaller documents",
                parser.currentLocation());
    }

    private TransferableBuffer finish(JsonParser parser) throws IOException {
        long total = tapeBytes(wordCount);
        if (total > MAX_TAPE_BYTES) {
            throw tooLarge(parser);
        }
        TransferableBuffer tape = TransferableBuffer.allocate(total);
        ByteBuffer out = tape.buffer().order(ByteOrder.LITTLE_ENDIAN);
        int keys = keyIndex.size();
        out.putLong(TapeDescriptor.MAGIC).putInt(wordCount).putInt(keys).putInt(stringBytes).putInt(0).putLong(0);
        out.asLongBuffer().put(words, 0, wordCount);
        out.position(out.position() + wordCount * 8);
        for (int k = 0; k < keys; k++) {
            out.putInt(keyOffsets[k]).putInt(keyLengths[k]);
        }
        out.put(strings, 0, stringBytes);
        return tape;
    }
}
