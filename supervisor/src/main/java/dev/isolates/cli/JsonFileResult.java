package dev.isolates.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What an isolate answers for one file of {@code isolatectl json}: one output line, as UTF-8 bytes
 * so that a compacted document of any size goes to standard output without being decoded here.
 *
 * @param line   the output line without its line break: counts, the compacted document, or an error
 * @param failed whether the line is an error
 * @param bytes  the file's size
 */
record JsonFileResult(byte[] line, boolean failed, long bytes) {
    static JsonFileResult of(String line, boolean failed, long bytes) {
        return new JsonFileResult(line.getBytes(StandardCharsets.UTF_8), failed, bytes);
    }

    /** Writes the line and a line break. */
    void printTo(PrintStream out) {
        out.write(line, 0, line.length);
        out.write('\n');
    }

    /** The line as text. */
    @Override
    public String toString() {
        return new String(line, StandardCharsets.UTF_8);
    }
}
