package dev.isolates.json;

import static dev.isolates.json.TapeDescriptor.ARRAY;
import static dev.isolates.json.TapeDescriptor.DECIMAL;
import static dev.isolates.json.TapeDescriptor.DECIMAL_WIDE;
import static dev.isolates.json.TapeDescriptor.INT;
import static dev.isolates.json.TapeDescriptor.INTEGER_TEXT;
import static dev.isolates.json.TapeDescriptor.KEY;
import static dev.isolates.json.TapeDescriptor.LONG;
import static dev.isolates.json.TapeDescriptor.LONG_STRING;
import static dev.isolates.json.TapeDescriptor.NUMBER_TEXT;
import static dev.isolates.json.TapeDescriptor.OBJECT;
import static dev.isolates.json.TapeDescriptor.STRING;
import static dev.isolates.json.TapeDescriptor.STRING_INLINE;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked reads of a tape ({@link TapeDescriptor}) in a buffer that may have been written
 * by another process. Every index and offset is checked against the section it belongs to, and
 * every step forward moves forward, so a corrupt tape raises {@link CorruptTapeException} and no
 * walk can loop. Thread-safe for reading: only absolute reads of the buffer, and a key cache whose
 * entries are immutable.
 */
final class Tape {
    private static final int KEY_CACHE_MAX = 4096;
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private final ByteBuffer buffer;
    /** The tape's words, for bulk reads. */
    private final LongBuffer words;
    private final int wordCount;
    private final int keyCount;
    private final int keysAt;
    private final int stringsAt;
    private final int stringBytes;
    /** The names of keys 0 to {@value #KEY_CACHE_MAX} - 1 by index, once decoded, interned. */
    private final String[] firstKeys;
    /** The names of later keys, by index modulo the cache's size. */
    private final CachedKey[] keyCache;

    private record CachedKey(int index, String name) {
    }

    private Tape(ByteBuffer buffer, int wordCount, int keyCount, int stringBytes) {
        this.buffer = buffer;
        this.words = buffer.duplicate().position(TapeDescriptor.HEADER_BYTES).limit(TapeDescriptor.HEADER_BYTES + wordCount * 8)
                .slice().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
        this.wordCount = wordCount;
        this.keyCount = keyCount;
        this.keysAt = TapeDescriptor.HEADER_BYTES + wordCount * 8;
        this.stringsAt = keysAt + keyCount * TapeDescriptor.KEY_ENTRY_BYTES;
        this.stringBytes = stringBytes;
        this.firstKeys = new String[Math.min(keyCount, KEY_CACHE_MAX)];
        this.keyCache = new CachedKey[keyCount > KEY_CACHE_MAX ? KEY_CACHE_MAX : 1];
    }

    /** Opens the tape in {@code bytes} (position 0 to its limit) after checking its header and sections. */
    static Tape open(ByteBuffer bytes) {
        ByteBuffer b = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int size = b.limit();
        if (size < TapeDescriptor.HEADER_BYTES) {
            throw new CorruptTapeException("the buffer holds " + size + " bytes, fewer than a tape's "
                    + TapeDescriptor.HEADER_BYTES + "-byte header");
        }
        if (b.getLong(TapeDescriptor.MAGIC_OFFSET) != TapeDescriptor.MAGIC) {
            throw new CorruptTapeException("the buffer does not start with a JsonDocument tape's magic number");
        }
        int words = b.getInt(TapeDescriptor.TAPE_WORDS_OFFSET);
        int keys = b.getInt(TapeDescriptor.KEY_COUNT_OFFSET);
        int strings = b.getInt(TapeDescriptor.STRING_BYTES_OFFSET);
        long expected = TapeDescriptor.HEADER_BYTES + 8L * words + (long) TapeDescriptor.KEY_ENTRY_BYTES * keys + strings;
        if (words < 1 || keys < 0 || strings < 0 || expected != size) {
            throw new CorruptTapeException("the tape's header says " + words + " words, " + keys + " keys and "
                    + strings + " string bytes, which do not fill its " + size + "-byte buffer");
        }
        return new Tape(b, words, keys, strings);
    }

    int wordCount() {
        return wordCount;
    }

    int keyCount() {
        return keyCount;
    }

    long word(int index) {
        if (index < 0 || index >= wordCount) {
            throw new CorruptTapeException("the tape points to word " + index + ", outside its " + wordCount + " words");
        }
        return buffer.getLong(TapeDescriptor.HEADER_BYTES + index * 8);
    }

    /** Copies the {@code count} words from {@code index} into {@code into}, checking they are in the tape. */
    void words(int index, long[] into, int count) {
        if (index < 0 || count < 0 || count > into.length || count > wordCount - index) {
            throw new CorruptTapeException("the tape points to words " + index + " to " + ((long) index + count)
                    + ", outside its " + wordCount + " words");
        }
        words.get(index, into, 0, count);
    }

    int tag(int index) {
        return TapeDescriptor.tag(word(index));
    }

    /** The index just past the value at {@code index}. */
    int next(int index) {
        return next(index, word(index));
    }

    /** The index just past the value at {@code index}, whose first word {@code w} the caller has read. */
    int next(int index, long w) {
        int tag = TapeDescriptor.tag(w);
        long span = tag == OBJECT || tag == ARRAY ? TapeDescriptor.containerSpan(w) & 0xFFFF_FFFFL : TapeDescriptor.scalarWords(tag);
        if (span < 1 || span > wordCount - index) {
            throw new CorruptTapeException("the value at word " + index + " claims " + span
                    + " words, but the tape ends " + (wordCount - index) + " words later");
        }
        return index + (int) span;
    }

    /** Counts the values, keys and nesting of the value at {@code from}, reading each of its words once. */
    JsonCounts counts(int from) {
        int end = next(from);
        long values = 0;
        long keys = 0;
        int depth = 0;
        int deepest = 0;
        int[] ends = new int[16]; // where each open container ends
        int i = from;
        while (i < end) {
            while (depth > 0 && i >= ends[depth - 1]) {
                depth--;
            }
            long w = word(i);
            int tag = TapeDescriptor.tag(w);
            if (tag == KEY) {
                keys++;
                i++;
                continue;
            }
            values++;
            int next = next(i, w);
            if (tag == OBJECT || tag == ARRAY) {
                if (depth == ends.length) {
                    ends = java.util.Arrays.copyOf(ends, depth * 2);
                }
                ends[depth++] = next;
                deepest = Math.max(deepest, depth);
                i++;
            } else {
                i = next;
            }
        }
        return new JsonCounts(values, keys, deepest);
    }

    /** The name of the key whose KEY word is at {@code index}. */
    String keyAt(int index) {
        long w = word(index);
        if (TapeDescriptor.tag(w) != KEY) {
            throw new CorruptTapeException("word " + index + " should be an object member's name, but has tag "
                    + TapeDescriptor.tag(w));
        }
        return key(TapeDescriptor.low32(w));
    }

    /** The key index of the KEY word {@code w}, read at {@code index}. */
    static int keyIndex(int index, long w) {
        if (TapeDescriptor.tag(w) != KEY) {
            throw new CorruptTapeException("word " + index + " should be an object member's name, but has tag "
                    + TapeDescriptor.tag(w));
        }
        return TapeDescriptor.low32(w);
    }

    String key(int keyIndex) {
        if (keyIndex < 0 || keyIndex >= keyCount) {
            throw new CorruptTapeException("the tape names key " + keyIndex + " of its " + keyCount + " keys");
        }
        String[] first = firstKeys;
        if (keyIndex < first.length) {
            String name = first[keyIndex];
            if (name == null) {
                // Interned as Jackson's parsers intern names: databind's property maps then match by identity.
                name = decodeKey(keyIndex).intern();
                first[keyIndex] = name;
            }
            return name;
        }
        int slot = keyIndex & (keyCache.length - 1);
        CachedKey cached = keyCache[slot];
        if (cached != null && cached.index == keyIndex) {
            return cached.name;
        }
        String name = decodeKey(keyIndex);
        keyCache[slot] = new CachedKey(keyIndex, name);
        return name;
    }

    private String decodeKey(int keyIndex) {
        int entry = keysAt + keyIndex * TapeDescriptor.KEY_ENTRY_BYTES;
        return decode(buffer.getInt(entry), buffer.getInt(entry + 4));
    }

    /** The text of a STRING, INTEGER_TEXT or NUMBER_TEXT word, or an inline string. */
    String text(int index) {
        return text(index, word(index));
    }

    /** As {@link #text(int)}, given the word at {@code index}. */
    String text(int index, long w) {
        return text(index, w, null);
    }

    /** As {@link #text(int, long)}, with the reader's window on the bytes of a direct buffer (may be null). */
    String text(int index, long w, ByteWindow window) {
        int tag = TapeDescriptor.tag(w);
        if (TapeDescriptor.isInlineString(tag)) {
            int n = tag - STRING_INLINE;
            if ((w & 0x0080_8080_8080_8080L) != 0) {
                throw new CorruptTapeException("the inline string at word " + index + " holds a non-ASCII byte");
            }
            byte[] bytes = new byte[n];
            for (int i = 0; i < n; i++) {
                bytes[i] = (byte) (w >>> (8 * i));
            }
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        if (tag != STRING && tag != INTEGER_TEXT && tag != NUMBER_TEXT) {
            throw new CorruptTapeException("word " + index + " should hold text, but has tag " + tag);
        }
        int offset = TapeDescriptor.low32(w);
        int length = TapeDescriptor.stringLength(w);
        if (length == LONG_STRING) {
            length = longStringLength(offset);
            offset += 4;
        }
        checkStringRange(offset, length);
        return TapeStrings.decode(buffer, stringsAt + offset, length, window);
    }

    private String decode(int offset, int length) {
        checkStringRange(offset, length);
        return TapeStrings.decode(buffer, stringsAt + offset, length);
    }

    void checkStringRange(int offset, int length) {
        if (offset < 0 || length < 0 || (long) offset + length > stringBytes) {
            throw new CorruptTapeException("the tape points to string bytes " + offset + " to " + ((long) offset + length)
                    + ", outside its " + stringBytes + "-byte string area");
        }
    }

    int longStringLength(int offset) {
        checkStringRange(offset, 4);
        return buffer.getInt(stringsAt + offset);
    }

    void checkKeyRange(int keyIndex) {
        int entry = keysAt + keyIndex * TapeDescriptor.KEY_ENTRY_BYTES;
        checkStringRange(buffer.getInt(entry), buffer.getInt(entry + 4));
    }

    /** The value of an INT or LONG word. */
    long integer(int index) {
        long w = word(index);
        return switch (TapeDescriptor.tag(w)) {
            case INT -> TapeDescriptor.signed56(w);
            case LONG -> word(index + 1);
            default -> throw new CorruptTapeException("word " + index + " should be an integer, but has tag " + TapeDescriptor.tag(w));
        };
    }

    BigInteger bigInteger(int index) {
        return switch (tag(index)) {
            case INT, LONG -> BigInteger.valueOf(integer(index));
            case INTEGER_TEXT -> parseInteger(index);
            default -> throw new CorruptTapeException("word " + index + " should be an integer, but has tag " + tag(index));
        };
    }

    private BigInteger parseInteger(int index) {
        String text = text(index);
        try {
            return new BigInteger(text);
        } catch (NumberFormatException e) {
            throw new CorruptTapeException("the integer at word " + index + " is written as '" + text + "', not a number");
        }
    }

    BigDecimal decimal(int index) {
        long w = word(index);
        return switch (TapeDescriptor.tag(w)) {
            case INT, LONG -> BigDecimal.valueOf(integer(index));
            case INTEGER_TEXT -> new BigDecimal(parseInteger(index));
            case DECIMAL -> BigDecimal.valueOf(TapeDescriptor.decimalUnscaled(w), scale(index, TapeDescriptor.decimalScale(w)));
            case DECIMAL_WIDE -> BigDecimal.valueOf(word(index + 1), scale(index, TapeDescriptor.low32(w)));
            case NUMBER_TEXT -> {
                String text = text(index);
                try {
                    yield new BigDecimal(text);
                } catch (NumberFormatException e) {
                    throw new CorruptTapeException("the number at word " + index + " is written as '" + text + "', not a number");
                }
            }
            default -> throw new CorruptTapeException("word " + index + " should be a number, but has tag " + TapeDescriptor.tag(w));
        };
    }

    double doubleValue(int index) {
        return doubleValue(index, word(index));
    }

    /** As {@link #doubleValue(int)}, given the word at {@code index}. */
    double doubleValue(int index, long w) {
        return switch (TapeDescriptor.tag(w)) {
            case INT, LONG -> integer(index);
            case INTEGER_TEXT -> {
                BigInteger v = parseInteger(index);
                yield v.signum() == 0 && text(index).startsWith("-") ? -0.0 : v.doubleValue(); // "-0" is -0.0
            }
            case DECIMAL -> decimalDouble(TapeDescriptor.decimalUnscaled(w), TapeDescriptor.decimalScale(w));
            case DECIMAL_WIDE -> Double.longBitsToDouble(word(index + 2));
            case NUMBER_TEXT -> Double.longBitsToDouble(word(index + 1));
            default -> throw new CorruptTapeException("word " + index + " should be a number, but has tag " + TapeDescriptor.tag(w));
        };
    }

    /**
     * The scale of the decimal at word {@code index}, refused outside the writer's range: a scale of
     * two billion would make a number's text two billion characters long.
     */
    static int scale(int index, int scale) {
        if (scale < 1 || scale > TapeDescriptor.MAX_DECIMAL_SCALE) {
            throw new CorruptTapeException("the decimal at word " + index + " has scale " + scale + ", outside 1 to "
                    + TapeDescriptor.MAX_DECIMAL_SCALE);
        }
        return scale;
    }

    /** unscaled / 10^scale, correctly rounded: both exact doubles when |unscaled| < 2^53 and scale <= 22. */
    static double decimalDouble(long unscaled, int scale) {
        if (scale >= 0 && scale < POWERS_OF_TEN.length) {
            return unscaled / POWERS_OF_TEN[scale];
        }
        return BigDecimal.valueOf(unscaled, scale).doubleValue();
    }

    /** A number as written in the document. */
    String numberText(int index) {
        long w = word(index);
        return switch (TapeDescriptor.tag(w)) {
            case INT, LONG -> Long.toString(integer(index));
            case DECIMAL -> plain(TapeDescriptor.decimalUnscaled(w), scale(index, TapeDescriptor.decimalScale(w)));
            case DECIMAL_WIDE -> plain(word(index + 1), scale(index, TapeDescriptor.low32(w)));
            case INTEGER_TEXT, NUMBER_TEXT -> text(index);
            default -> throw new CorruptTapeException("word " + index + " should be a number, but has tag " + TapeDescriptor.tag(w));
        };
    }

    private static String plain(long unscaled, int scale) {
        if (scale <= 0) {
            return BigDecimal.valueOf(unscaled, scale).toPlainString();
        }
        String digits = Long.toString(Math.abs(unscaled));
        if (unscaled == Long.MIN_VALUE) {
            digits = digits.substring(1);
        }
        StringBuilder s = new StringBuilder(digits.length() + scale + 3);
        if (unscaled < 0) {
            s.append('-');
        }
        if (digits.length() <= scale) {
            s.append("0.");
            s.append("0".repeat(scale - digits.length())).append(digits);
        } else {
            s.append(digits, 0, digits.length() - scale).append('.').append(digits, digits.length() - scale, digits.length());
        }
        return s.toString();
    }
}
