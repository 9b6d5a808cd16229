package dev.isolates.json;

import com.fasterxml.jackson.core.JsonParser;

/**
 * Counts the tokens {@link ByteArrayTapeScanner} accepts as {@link JsonValue#counts()} counts a
 * tape's words (every value, every member's name, the deepest nesting) and keeps nothing: the
 * counts of a document without its tape. Not thread-safe: one instance per document.
 */
final class TokenCounter implements ScannedTokens {
    private long values;
    private long keys;
    private int depth;
    private int deepest;

    /** What was counted so far: the document's counts once the scanner has accepted it. */
    JsonCounts counts() {
        return new JsonCounts(values, keys, deepest);
    }

    @Override
    public void open(JsonParser parser) {
        values++;
        deepest = Math.max(deepest, ++depth);
    }

    @Override
    public void close(int tag) {
        depth--;
    }

    @Override
    public int predictedKey(byte[] in, int at, int end) {
        return -1; // no names are kept to predict from: the scanner reads each
    }

    @Override
    public void key(byte[] bytes, int from, int length, boolean needsNoDecoding) {
        keys++;
    }

    @Override
    public void rawString(byte[] bytes, int from, int length, JsonParser parser) {
        values++;
    }

    @Override
    public void utf8String(byte[] bytes, int from, int length, JsonParser parser) {
        values++;
    }

    @Override
    public void scalar(long word, JsonParser parser) {
        values++;
    }

    @Override
    public void integer(long v, JsonParser parser) {
        values++;
    }

    @Override
    public void integerText(char[] chars, int offset, int length, JsonParser parser) {
        values++;
    }

    @Override
    public void plainDecimal(long value, int scale, char[] chars, int offset, int length, JsonParser parser) {
        values++;
    }

    @Override
    public void decimalText(char[] chars, int offset, int length, JsonParser parser) {
        values++;
    }
}
