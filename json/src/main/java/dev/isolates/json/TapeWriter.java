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
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Lays out one JSON value, token by token from a Jackson parser, as a tape ({@link TapeDescriptor}),
 * then copies it into a {@link TransferableBuffer}. Not thread-safe: one document at a time. A few
 * writers are kept for later documents ({@link #take()}, {@link #release()}), so that parsing one
 * document after another in an isolate reuses the first megabytes of words and strings instead of
 * allocating and growing them anew each time.
 */
final class TapeWriter implements ScannedTokens {
    /** The most bytes one tape takes: what one {@link TransferableBuffer} holds. */
    static final long MAX_TAPE_BYTES = Integer.MAX_VALUE - 8192;
    /** Names a kept writer remembers at most: a document with more gets a new table next time. */
    private static final int KEPT_NAMES = 4096;
    /** Writers kept between documents, one per core: each holds up to 2 MiB. */
    private static final ArrayBlockingQueue<TapeWriter> KEPT =
            new ArrayBlockingQueue<>(Math.max(2, Runtime.getRuntime().availableProcessors()));

    /** A kept writer, or a new one if none is free. */
    static TapeWriter take() {
        TapeWriter w = KEPT.poll();
        return w != null ? w : new TapeWriter();
    }

    /** Empties this writer, whatever its last document came to, and keeps it for another if there is room. */
    void release() {
        words.clear();
        strings.clear();
        byteKeys.clear();
        if (keyCount > KEPT_NAMES) {
            keyIndex = new HashMap<>();
            keyOffsets = new int[64];
            keyLengths = new int[64];
        } else {
            keyIndex.clear();
        }
        Arrays.fill(recentNames, null);
        keyCount = 0;
        depth = 0;
        if (maxTapeBytes == MAX_TAPE_BYTES) {
            KEPT.offer(this);
        }
    }

    private final long maxTapeBytes;

    TapeWriter() {
        this(MAX_TAPE_BYTES);
    }

    /** A writer whose tapes may take at most {@code maxTapeBytes}; below the real limit, for tests. */
    TapeWriter(long maxTapeBytes) {
        this.maxTapeBytes = Math.min(maxTapeBytes, MAX_TAPE_BYTES);
    }

    private final WordChunks words = new WordChunks();
    private final ByteChunks strings = new ByteChunks();
    private HashMap<String, Integer> keyIndex = new HashMap<>();
    /** The key indexes by the keys' bytes, when the tape is written from bytes rather than Jackson's names. */
    private final ByteKeyIndex byteKeys = new ByteKeyIndex();
    private int keyCount;
    /**
     * The key index of names met lately, by their hash: Jackson hands out one canonical String per
     * name, so a hit is an identity check, with no map lookup or unboxing.
     */
    private final String[] recentNames = new String[256];
    private final int[] recentIndexes = new int[256];
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

    /**
     * The primitives below write one token each. Those that take a parser use it only for the
     * location of a size limit's error; {@link ByteArrayTapeScanner} passes none, its inputs being
     * too small to reach the limits.
     */
    @Override
    public void open(JsonParser parser) throws IOException {
        if (depth == openStarts.length) {
            openStarts = Arrays.copyOf(openStarts, depth * 2);
            openCounts = Arrays.copyOf(openCounts, depth * 2);
        }
        openStarts[depth] = words.size();
        openCounts[depth] = 0;
        depth++;
        append(0, parser); // the container's word, filled in when it ends
    }

    @Override
    public void close(int tag) {
        depth--;
        int start = openStarts[depth];
        words.set(start, TapeDescriptor.container(tag, openCounts[depth], words.size() - start));
        counted();
    }

    private void key(String name, JsonParser parser) throws IOException {
        int slot = name.hashCode() & (recentNames.length - 1);
        if (recentNames[slot] == name) {
            append(TapeDescriptor.word(KEY, recentIndexes[slot]), parser);
            return;
        }
        Integer index = keyIndex.get(name);
        if (index == null) {
            char[] chars = name.toCharArray();
            int offset = strings.size();
            index = newKey(offset, encode(chars, 0, chars.length, parser));
            keyIndex.put(name, index);
        }
        recentNames[slot] = name;
        recentIndexes[slot] = index;
        append(TapeDescriptor.word(KEY, index), parser);
    }

    /**
     * An object member's name, of UTF-8 {@code bytes[from, from + length)}; {@code needsNoDecoding}
     * if those are the input's bytes, between quotes.
     */
    @Override
    public void key(byte[] bytes, int from, int length, boolean needsNoDecoding) throws IOException {
        int hash = ByteKeyIndex.hash(bytes, from, length);
        int index = byteKeys.find(bytes, from, length, hash, strings, keyOffsets, keyLengths);
        if (index < 0) {
            int offset = strings.size();
            makeRoom(length, length, null);
            strings.write(bytes, from, length);
            index = newKey(offset, length);
            byteKeys.add(index, hash, bytes, from, length, needsNoDecoding);
        }
        byteKeys.seen(index);
        append(TapeDescriptor.word(KEY, index), null);
    }

    /**
     * The name of an object member that starts at {@code in[at]}, if it is the key that came after
     * the last one before: then its word is written and its length returned, else -1 and nothing
     * is written.
     */
    @Override
    public int predictedKey(byte[] in, int at, int end) throws IOException {
        int index = byteKeys.predicted(in, at, end);
        if (index < 0) {
            return -1;
        }
        byteKeys.seen(index);
        append(TapeDescriptor.word(KEY, index), null);
        return byteKeys.length(index);
    }

    /** Numbers the next key, whose bytes are at {@code offset} in the string area. */
    private int newKey(int offset, int length) {
        int index = keyCount++;
        if (index == keyOffsets.length) {
            keyOffsets = Arrays.copyOf(keyOffsets, index * 2);
            keyLengths = Arrays.copyOf(keyLengths, index * 2);
        }
        keyOffsets[index] = offset;
        keyLengths[index] = length;
        return index;
    }

    private void string(JsonParser parser) throws IOException {
        if (parser instanceof RawStringParser raw) {
            int length = raw.rawString();
            if (length >= 0) {
                rawString(raw.rawBuffer(), raw.rawStart(), length, parser);
                return;
            }
        }
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

    /** A string value whose bytes are ASCII, as they are in the input. */
    @Override
    public void rawString(byte[] bytes, int from, int length, JsonParser parser) throws IOException {
        if (length <= TapeDescriptor.MAX_INLINE_STRING) {
            long inline = 0;
            for (int i = 0; i < length; i++) {
                inline |= (long) bytes[from + i] << (8 * i);
            }
            scalar(TapeDescriptor.word(STRING_INLINE + length, inline), parser);
            return;
        }
        utf8String(bytes, from, length, parser);
    }

    /**
     * A string value of UTF-8 {@code bytes[from, from + length)} in the string area, never inline:
     * what {@link #string} makes of a string longer than an inline one, or with a character past ASCII.
     */
    @Override
    public void utf8String(byte[] bytes, int from, int length, JsonParser parser) throws IOException {
        boolean isLong = length >= LONG_STRING;
        int at = strings.size();
        if (isLong) {
            strings.skipInt();
        }
        makeRoom(length, length, parser);
        strings.write(bytes, from, length);
        if (tapeBytes(words.size()) > maxTapeBytes) {
            throw tooLarge(parser);
        }
        textWord(STRING, at, length, isLong, parser);
        counted();
    }

    /** A string of bytes in the string area: a STRING-shaped word of {@code tag}. */
    private void text(int tag, char[] chars, int offset, int length, JsonParser parser) throws IOException {
        boolean mayBeLong = TapeStrings.maxBytes(length) >= LONG_STRING;
        int at = strings.size();
        if (mayBeLong) {
            strings.skipInt();
        }
        int n = encode(chars, offset, length, parser);
        textWord(tag, at, n, mayBeLong, parser);
    }

    /** The word of text of {@code n} bytes written at {@code at}, after its length if it was given room for one. */
    private void textWord(int tag, int at, int n, boolean withLength, JsonParser parser) throws IOException {
        if (withLength) {
            strings.setInt(at, n);
            append(TapeDescriptor.text(tag, LONG_STRING, at), parser);
        } else {
            append(TapeDescriptor.text(tag, n, at), parser);
        }
    }

    private void integer(JsonParser parser) throws IOException {
        boolean big = parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER;
        long v = big ? 0 : parser.getLongValue();
        if (big || v == 0 && parser.getTextCharacters()[parser.getTextOffset()] == '-') { // too large for a long, or "-0"
            integerText(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength(), parser);
        } else {
            integer(v, parser);
        }
    }

    /** An integer kept as its text, {@code chars[offset, offset + length)}: one too large for a long, or "-0". */
    @Override
    public void integerText(char[] chars, int offset, int length, JsonParser parser) throws IOException {
        text(INTEGER_TEXT, chars, offset, length, parser);
        counted();
    }

    /** An integer that fits in a long and is not written "-0". */
    @Override
    public void integer(long v, JsonParser parser) throws IOException {
        if (v >= TapeDescriptor.MIN_INT && v <= TapeDescriptor.MAX_INT) {
            append(TapeDescriptor.word(INT, v), parser);
        } else {
            append(TapeDescriptor.word(LONG, 0), parser);
            append(v, parser);
        }
        counted();
    }

    private void decimal(JsonParser parser) throws IOException {
        decimal(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength(), parser);
    }

    /** A number with a fraction or an exponent, written as {@code chars[offset, offset + length)}. */
    void decimal(char[] chars, int offset, int length, JsonParser parser) throws IOException {
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
        if (isPlainDecimal(i == end, scale, negative, unscaled)) {
            plainDecimal(negative ? -unscaled : unscaled, scale, chars, offset, length, parser);
        } else {
            decimalText(chars, offset, length, parser);
        }
    }

    /**
     * Whether a number of at most {@value TapeDescriptor#MAX_DECIMAL_SCALE} digits and no exponent
     * ({@code simple}) with {@code scale} digits after the point is exact as unscaled and scale: not
     * so for an integer written with a point and no digit after it, or a negative zero.
     */
    static boolean isPlainDecimal(boolean simple, int scale, boolean negative, long unscaled) {
        return simple && scale > 0 && !(negative && unscaled == 0);
    }

    /**
     * A decimal that {@link #isPlainDecimal} holds exact: {@code value} × 10^-{@code scale},
     * written as {@code chars[offset, offset + length)}, which a value too wide for one word also
     * keeps its nearest double from (the chars are read only then).
     */
    @Override
    public void plainDecimal(long value, int scale, char[] chars, int offset, int length, JsonParser parser) throws IOException {
        if (TapeDescriptor.fitsDecimalWord(value)) {
            append(TapeDescriptor.decimal(scale, value), parser);
        } else {
            append(TapeDescriptor.word(DECIMAL_WIDE, scale), parser);
            append(value, parser);
            append(Double.doubleToRawLongBits(nearestDouble(chars, offset, length)), parser);
        }
        counted();
    }

    /** A number kept as its text, {@code chars[offset, offset + length)}, and its nearest double. */
    @Override
    public void decimalText(char[] chars, int offset, int length, JsonParser parser) throws IOException {
        text(NUMBER_TEXT, chars, offset, length, parser);
        append(Double.doubleToRawLongBits(nearestDouble(chars, offset, length)), parser);
        counted();
    }

    /**
     * From the text, not {@code parser.getDoubleValue()}: after a big integer's number type was
     * asked for, Jackson 2.18 can answer a later token's double with the integer's value.
     */
    private static double nearestDouble(char[] chars, int offset, int length) {
        return NumberInput.parseDouble(new String(chars, offset, length), true);
    }

    @Override
    public void scalar(long word, JsonParser parser) throws IOException {
        append(word, parser);
        counted();
    }

    private void counted() {
        if (depth > 0) {
            openCounts[depth - 1]++;
        }
    }

    private void append(long word, JsonParser parser) throws IOException {
        // checked every 4096 words: enough to stop a runaway document early; finish() checks exactly
        if ((words.size() & 4095) == 0 && tapeBytes(words.size()) > maxTapeBytes) {
            throw tooLarge(parser);
        }
        words.add(word);
    }

    private int encode(char[] chars, int offset, int length, JsonParser parser) throws IOException {
        makeRoom(length, TapeStrings.maxBytes(length), parser);
        int n = strings.encode(chars, offset, length);
        if (tapeBytes(words.size()) > maxTapeBytes) {
            throw tooLarge(parser);
        }
        return n;
    }

    /** Refuses a string of {@code least} to {@code most} bytes if even its least would not fit, or its most would pass 2 GiB. */
    private void makeRoom(long least, long most, JsonParser parser) throws IOException {
        if (strings.size() + least > maxTapeBytes || strings.size() + most > Integer.MAX_VALUE - 8) {
            throw tooLarge(parser);
        }
    }

    private long tapeBytes(long wordCount) {
        return TapeDescriptor.HEADER_BYTES + wordCount * 8 + (long) keyCount * TapeDescriptor.KEY_ENTRY_BYTES
                + strings.size();
    }

    private StreamConstraintsException tooLarge(JsonParser parser) {
        return new StreamConstraintsException("the parsed document would take more than " + maxTapeBytes
                + " bytes, the most one JsonDocument holds (one TransferableBuffer); split the input into smaller documents",
                parser == null ? null : parser.currentLocation());
    }

    TransferableBuffer finish(JsonParser parser) throws IOException {
        long total = tapeBytes(words.size());
        if (total > maxTapeBytes) {
            throw tooLarge(parser);
        }
        TransferableBuffer tape = TransferableBuffer.allocate(total);
        ByteBuffer out = tape.buffer().order(ByteOrder.LITTLE_ENDIAN);
        int keys = keyCount;
        out.putLong(TapeDescriptor.MAGIC).putInt(words.size()).putInt(keys).putInt(strings.size()).putInt(0).putLong(0);
        words.copyTo(out);
        for (int k = 0; k < keys; k++) {
            out.putInt(keyOffsets[k]).putInt(keyLengths[k]);
        }
        strings.copyTo(out);
        return tape;
    }
}
