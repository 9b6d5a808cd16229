package dev.isolates.json;

/**
 * What an isolate answers for one file of a {@link JsonBatch}: its document, or why there is none.
 * A malformed file is an answer, not a thrown exception, so its line and column arrive as numbers.
 *
 * @param document the document, or null
 * @param error    what went wrong, or null
 * @param line     where parsing stopped, from 1, or -1
 * @param column   where parsing stopped, from 1, or -1
 */
record ParsedFile(JsonDocument document, String error, long line, long column) {
    static ParsedFile of(JsonDocument document) {
        return new ParsedFile(document, null, -1, -1);
    }

    static ParsedFile failed(String error, long line, long column) {
        return new ParsedFile(null, error, line, column);
    }
}
