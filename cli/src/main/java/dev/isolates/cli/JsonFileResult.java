package dev.isolates.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an isolate answers for one file of {@code isolatectl json}: its output line, as UTF-8 bytes
 * so that a compacted document of any size goes to standard output without being decoded here, or
 * why the file failed.
 *
 * @param file  the file as named on the command line
 * @param line  the output line without its line break (counts or the compacted document), or null
 * @param error what went wrong and where, or null
 * @param bytes the file's size
 */
record JsonFileResult(String file, byte[] line, String error, long bytes) {
    static JsonFileResult line(String file, byte[] line, long bytes) {
        return new JsonFileResult(file, line, null, bytes);
    }

    static JsonFileResult error(String file, String error, long bytes) {
        return new JsonFileResult(file, null, error, bytes);
    }

    /** Whether the file failed. */
    boolean failed() {
        return error != null;
    }

    /** Writes the line and a line break. */
    void printTo(PrintStream out) {
        out.write(line, 0, line.length);
        out.write('\n');
    }

    /** The summary mode's line for a file that failed: {@code {"file":..., "error":...}}. */
    static String errorLine(String file, String error) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("file", file);
        line.put("error", error);
        return Json.write(line);
    }

    /** The line as text, or for a failed file its summary-mode error line. */
    @Override
    public String toString() {
        return failed() ? errorLine(file, error) : new String(line, StandardCharsets.UTF_8);
    }
}
