package dev.isolates.cli;

import dev.isolates.json.JsonType;
import dev.isolates.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
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

    /** Counts the values under {@code root}, walking the tape without recursion (nesting may be deep). */
    static JsonSummary of(JsonValue root) {
        long values = 0;
        long keys = 0;
        int deepest = 0;
        Deque<Iterator<JsonValue>> open = new ArrayDeque<>();
        JsonValue v = root;
        while (true) {
            values++;
            JsonType type = v.type();
            if (type == JsonType.OBJECT || type == JsonType.ARRAY) {
                if (type == JsonType.OBJECT) {
                    keys += v.size();
                }
                open.push(v.elements().iterator());
                deepest = Math.max(deepest, open.size());
            }
            v = null;
            while (!open.isEmpty() && v == null) {
                Iterator<JsonValue> members = open.peek();
                if (members.hasNext()) {
                    v = members.next();
                } else {
                    open.pop();
                }
            }
            if (v == null) {
                return new JsonSummary(values, keys, deepest);
            }
        }
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
