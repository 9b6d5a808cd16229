package dev.isolates.json;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * What {@link ByteArrayTapeScanner} does with each token it accepts: {@link TapeWriter} writes it
 * to a tape, {@link TokenCounter} only counts it. Each call is one token, given as the scanner read
 * it. A method that takes a parser uses it only for the location of a size limit's error; the
 * scanner passes none.
 */
interface ScannedTokens {
    /** An object or array starts. */
    void open(JsonParser parser) throws IOException;

    /** The innermost open object or array ({@code tag}) ends. */
    void close(int tag);

    /**
     * The name of the object member that starts at {@code in[at]}, if it is the one predicted from
     * the names before: then it is taken and its length returned, else -1 and nothing is taken.
     */
    int predictedKey(byte[] in, int at, int end) throws IOException;

    /** A member's name in UTF-8; {@code needsNoDecoding} if those are the input's bytes, between quotes. */
    void key(byte[] bytes, int from, int length, boolean needsNoDecoding) throws IOException;

    /** A string value of ASCII bytes. */
    void rawString(byte[] bytes, int from, int length, JsonParser parser) throws IOException;

    /** A string value in UTF-8, with characters past ASCII. */
    void utf8String(byte[] bytes, int from, int length, JsonParser parser) throws IOException;

    /** {@code true}, {@code false} or {@code null}, as its tape word. */
    void scalar(long word, JsonParser parser) throws IOException;

    /** An integer that fits in a long. */
    void integer(long v, JsonParser parser) throws IOException;

    /** An integer kept as written: beyond a long, or {@code -0}. */
    void integerText(char[] chars, int offset, int length, JsonParser parser) throws IOException;

    /** A decimal written plainly, {@code value / 10^scale}; its text too when the value needs a wide word. */
    void plainDecimal(long value, int scale, char[] chars, int offset, int length, JsonParser parser) throws IOException;

    /** Any other number, kept as written. */
    void decimalText(char[] chars, int offset, int length, JsonParser parser) throws IOException;
}
