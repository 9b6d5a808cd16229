package dev.isolates.json;

/**
 * The layout of a {@link JsonDocument}'s tape, in one place. All multi-byte values are little-endian.
 *
 * <pre>
 *   0  header, {@value #HEADER_BYTES} bytes:
 *        0  magic            long  {@value #MAGIC} ("ISOJTAP1")
 *        8  tape words       int   N, the number of 8-byte words of the tape
 *       12  keys             int   K, the number of distinct object member names
 *       16  string bytes     int   S, the size of the string area
 *       20  reserved         int   0
 *       24  reserved         long  0
 *  32  tape:    N words; word 0 is the root value
 *  32 + 8N       keys:    K entries of 8 bytes, (int offset, int length) of each name in the string area
 *  32 + 8N + 8K  strings: S bytes of UTF-8 (a lone surrogate as its 3-byte form)
 * </pre>
 *
 * <p>A word is a tag in its top byte and a 56-bit payload. One value is one to three words:
 * <pre>
 *   OBJECT, ARRAY   count (24 bits, {@value #SATURATED_COUNT} when larger) | span (32 bits): the words of the
 *                   container, its own included, so its next sibling is at index + span. An object
 *                   holds a KEY word before each member's value; an array only values.
 *   KEY             key index (32 bits) into the key table
 *   STRING_INLINE+n a string of n &lt;= 7 UTF-8 bytes, byte i in payload bits 8i..8i+7
 *   STRING          length (24 bits, {@value #LONG_STRING} when larger) | offset (32 bits) in the string
 *                   area; a long string's length is an int at the offset, its bytes after it
 *   INT             a 56-bit signed integer
 *   LONG            (payload 0) and the next word: a 64-bit signed integer
 *   INTEGER_TEXT    an integer as written ("-0", or beyond 64 bits): its text, placed as a STRING's
 *   DECIMAL         scale (8 bits, signed) | unscaled value (48 bits, signed): a decimal written
 *                   plainly (digits, point, digits), the value unscaled / 10^scale, exactly
 *   DECIMAL_WIDE    scale (32 bits, signed), then a word with the unscaled value and a word with the
 *                   nearest double: a plain decimal whose unscaled value needs up to 64 bits
 *                   (a plain decimal has at most 18 digits, so both scales are 1 to {@value #MAX_DECIMAL_SCALE})
 *   NUMBER_TEXT     any other number ("1e5", "-0.0", long digit strings): its text, placed as a
 *                   STRING's, then a word with the nearest double
 *   TRUE, FALSE, NULL  (payload 0)
 * </pre>
 *
 * <p>Every number keeps what was written: integers and plain decimals as their exact value, the
 * rest as their text, so {@code asBigDecimal()} and a re-written document give the digits of the input.
 */
final class TapeDescriptor {
    static final long MAGIC = 0x3150_4154_4A4F_5349L; // "ISOJTAP1" read as little-endian bytes
    static final int HEADER_BYTES = 32;
    static final int MAGIC_OFFSET = 0;
    static final int TAPE_WORDS_OFFSET = 8;
    static final int KEY_COUNT_OFFSET = 12;
    static final int STRING_BYTES_OFFSET = 16;
    static final int KEY_ENTRY_BYTES = 8;

    static final int OBJECT = 1;
    static final int ARRAY = 2;
    static final int KEY = 3;
    static final int STRING = 4;
    static final int INT = 5;
    static final int LONG = 6;
    static final int INTEGER_TEXT = 7;
    static final int DECIMAL = 8;
    static final int DECIMAL_WIDE = 9;
    static final int NUMBER_TEXT = 10;
    static final int TRUE = 11;
    static final int FALSE = 12;
    static final int NULL = 13;
    /** Tags STRING_INLINE to STRING_INLINE + 7: a string of that many bytes in the payload. */
    static final int STRING_INLINE = 16;
    static final int MAX_INLINE_STRING = 7;

    static final int SATURATED_COUNT = 0xFF_FFFF;
    static final int LONG_STRING = 0xFF_FFFF;
    static final long PAYLOAD_MASK = 0x00FF_FFFF_FFFF_FFFFL;
    static final long MIN_INT = -(1L << 55);
    static final long MAX_INT = (1L << 55) - 1;
    static final long MIN_DECIMAL_UNSCALED = -(1L << 47);
    static final long MAX_DECIMAL_UNSCALED = (1L << 47) - 1;
    static final int MAX_DECIMAL_SCALE = 18;

    private TapeDescriptor() {
    }

    static int tag(long word) {
        return (int) (word >>> 56);
    }

    static long payload(long word) {
        return word & PAYLOAD_MASK;
    }

    static long word(int tag, long payload) {
        return ((long) tag << 56) | (payload & PAYLOAD_MASK);
    }

    static long container(int tag, int count, int span) {
        return word(tag, ((long) Math.min(count, SATURATED_COUNT) << 32) | (span & 0xFFFF_FFFFL));
    }

    static int containerCount(long word) {
        return (int) ((word >>> 32) & 0xFF_FFFF);
    }

    static int containerSpan(long word) {
        return (int) word;
    }

    /** The 32-bit offset of a STRING, INTEGER_TEXT or NUMBER_TEXT word, or the index of a KEY word. */
    static int low32(long word) {
        return (int) word;
    }

    static int stringLength(long word) {
        return (int) ((word >>> 32) & 0xFF_FFFF);
    }

    static long text(int tag, int length, int offset) {
        return word(tag, ((long) Math.min(length, LONG_STRING) << 32) | (offset & 0xFFFF_FFFFL));
    }

    static long signed56(long word) {
        return (word << 8) >> 8;
    }

    /** Whether {@code unscaled} fits in a DECIMAL word (with any scale up to {@value #MAX_DECIMAL_SCALE}). */
    static boolean fitsDecimalWord(long unscaled) {
        return unscaled >= MIN_DECIMAL_UNSCALED && unscaled <= MAX_DECIMAL_UNSCALED;
    }

    static long decimal(int scale, long unscaled) {
        return word(DECIMAL, ((long) (scale & 0xFF) << 48) | (unscaled & 0xFFFF_FFFF_FFFFL));
    }

    static int decimalScale(long word) {
        return (byte) (word >>> 48);
    }

    static long decimalUnscaled(long word) {
        return (word << 16) >> 16;
    }

    /** How many words the value whose first word is {@code word} takes, containers excluded. */
    static int scalarWords(int tag) {
        return switch (tag) {
            case LONG, NUMBER_TEXT -> 2;
            case DECIMAL_WIDE -> 3;
            default -> 1;
        };
    }

    static boolean isInlineString(int tag) {
        return tag >= STRING_INLINE && tag <= STRING_INLINE + MAX_INLINE_STRING;
    }
}
