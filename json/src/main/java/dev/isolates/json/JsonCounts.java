package dev.isolates.json;

/**
 * What a JSON value holds, counted in one pass over its words of the tape, without a cursor for
 * each value: what a summary of a document needs, at the speed of reading memory.
 *
 * <pre>{@code
 * try (JsonDocument doc = JsonDocument.parse(Path.of("orders.json"))) {
 *     JsonCounts counts = doc.root().counts();
 *     System.out.println(counts.values() + " values, " + counts.keys() + " keys, depth " + counts.depth());
 * }
 * }</pre>
 *
 * @param values every value, the counted one included: objects, arrays and scalars
 * @param keys   every object member, at any depth
 * @param depth  the deepest nesting of objects and arrays, the counted one included (0 for a scalar)
 */
public record JsonCounts(long values, long keys, int depth) {
}
