package dev.isolates.json;

import java.io.IOException;

/**
 * What a JSON value holds: what a summary of a document needs. {@link JsonValue#counts()} counts a
 * value of a parsed document in one pass over its words of the tape, without a cursor for each
 * value; {@link #of(byte[])} counts a document's bytes without keeping a tape at all.
 *
 * <pre>{@code
 * try (JsonDocument doc = JsonDocument.parse(Path.of("orders.json"))) {
 *     JsonCounts counts = doc.root().counts();
 *     System.out.println(counts.values() + " values, " + counts.keys() + " keys, depth " + counts.depth());
 * }
 * JsonCounts same = JsonCounts.of(Files.readAllBytes(Path.of("orders.json")));
 * }</pre>
 *
 * @param values every value, the counted one included: objects, arrays and scalars
 * @param keys   every object member, at any depth
 * @param depth  the deepest nesting of objects and arrays, the counted one included (0 for a scalar)
 */
public record JsonCounts(long values, long keys, int depth) {
    /**
     * Counts a JSON document without keeping it: the counts that
     * {@code JsonDocument.parse(json).root().counts()} gives, for less work. Strict UTF-8 JSON whose
     * root is an object or an array is scanned and counted without writing a tape; anything else is
     * parsed as {@link JsonDocument#parse(byte[])} parses it, with the same errors, and its tape
     * counted.
     *
     * @param json the document's bytes
     * @return its counts
     * @throws com.fasterxml.jackson.core.JsonProcessingException if the bytes are not one JSON value,
     *         with the line and column where parsing stopped, or go past a Jackson limit
     * @throws IOException if reading fails
     */
    public static JsonCounts of(byte[] json) throws IOException {
        TokenCounter counter = new TokenCounter();
        if (ByteArrayTapeScanner.scanWhole(json, counter)) {
            return counter.counts();
        }
        try (JsonDocument document = JsonDocument.parsedByJackson(json)) {
            return document.root().counts();
        }
    }
}
