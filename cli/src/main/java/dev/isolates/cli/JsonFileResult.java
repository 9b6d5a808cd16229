package dev.isolates.cli;

import dev.isolates.json.JsonDocument;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an isolate answers for one file of {@code isolatectl json}: the parsed document (only its
 * handle travels; the tape stays in the isolate's shared memory until the document is closed), or
 * why the file failed.
 *
 * @param file     the file as named on the command line
 * @param document the document, or null; whoever takes the result closes it
 * @param error    what went wrong and where, or null
 * @param bytes    the file's size
 */
record JsonFileResult(String file, JsonDocument document, String error, long bytes) implements AutoCloseable {
    static JsonFileResult document(String file, JsonDocument document, long bytes) {
        return new JsonFileResult(file, document, null, bytes);
    }

    static JsonFileResult error(String file, String error, long bytes) {
        return new JsonFileResult(file, null, error, bytes);
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
