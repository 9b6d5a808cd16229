package dev.isolates.cli;

import dev.isolates.json.JsonDocument;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an isolate answers for one file of {@code isolatectl json}: the parsed document (only its
 * handle travels; the tape stays in the isolate's shared memory until the document is closed), its
 * counts alone, or why the file failed.
 *
 * @param file     the file as named on the command line
 * @param document the document, or null; whoever takes the result closes it
 * @param summary  the document's counts, when the isolate sent only those, or null
 * @param error    what went wrong and where, or null
 * @param bytes    the file's size
 */
record JsonFileResult(String file, JsonDocument document, JsonSummary summary, String error, long bytes)
        implements AutoCloseable {
    static JsonFileResult document(String file, JsonDocument document, long bytes) {
        return new JsonFileResult(file, document, null, null, bytes);
    }

    static JsonFileResult counted(String file, JsonSummary summary, long bytes) {
        return new JsonFileResult(file, null, summary, null, bytes);
    }

    static JsonFileResult error(String file, String error, long bytes) {
        return new JsonFileResult(file, null, null, error, bytes);
    }

    /**
     * Writes the line of a file that parsed, without its line break: its counts, if the isolate
     * sent only those, else what {@code lines} reads from its document; closes the document.
     */
    void writeLine(JsonLine lines, OutputStream out) throws IOException {
        try (JsonDocument parsed = document) {
            if (parsed == null) {
                summary.writeTo(file, bytes, out);
            } else {
                lines.write(file, bytes, parsed.root(), out);
            }
        }
    }

    /**
     * Closes the document, if any: a cluster member closes a result once it has sent its bytes,
     * which frees the tape in its isolate's shared memory.
     */
    @Override
    public void close() {
        if (document != null) {
            document.close();
        }
    }

    /** Whether the file failed. */
    boolean failed() {
        return error != null;
    }

    /** The summary mode's line for a file that failed: {@code {"file":..., "error":...}}. */
    static String errorLine(String file, String error) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("file", file);
        line.put("error", error);
        return Json.write(line);
    }
}
