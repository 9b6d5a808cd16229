package dev.isolates.cli;

import dev.isolates.json.JsonCounts;
import dev.isolates.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counts {@code isolatectl json} prints by default for a document.
 *
 * @param values every JSON value, the root included
 * @param keys   every object member
 * @param depth  the deepest nesting of objects and arrays (0 for a scalar root)
 */
record JsonSummary(long values, long keys, int depth) {
    /** The summary mode's line: {@code {"file":..., "bytes":N, "values":N, "keys":N, "depth":N}}. */
    static final JsonLine LINE = (file, bytes, root, out) -> of(root).writeTo(file, bytes, out);

    /** The counts of the document whose root is {@code root}, read from its tape in one pass. */
    static JsonSummary of(JsonValue root) {
        return of(root.counts());
    }

    static JsonSummary of(JsonCounts counts) {
        return new JsonSummary(counts.values(), counts.keys(), counts.depth());
    }

    void writeTo(String file, long bytes, OutputStream out) throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("file", file);
        line.put("bytes", bytes);
        line.put("values", values);
        line.put("keys", keys);
        line.put("depth", depth);
        out.write(Json.write(line).getBytes(StandardCharsets.UTF_8));
    }
}
