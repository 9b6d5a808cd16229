package dev.isolates.cli;

/**
 * What an isolate answers for one file of {@code isolatectl json}.
 *
 * @param line   the output line: counts, the compacted document, or an error
 * @param failed whether the line is an error
 * @param bytes  the file's size
 */
record JsonFileResult(String line, boolean failed, long bytes) {
}
