package dev.isolates.cli;

import dev.isolates.IsolateCallable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The work of {@code isolatectl json} on one file, for benchmarks that compare it with plain Jackson. */
public final class JsonFiles {
    private JsonFiles() {
    }

    /**
     * The parse of {@code file} as a task for an isolate, as {@code isolatectl json} runs it for its
     * summary: the isolate counts the document and sends back the counts; turn its result into the
     * line with {@link #summaryLine(Object)}.
     */
    public static IsolateCallable<?> parseTask(Path file) {
        return new JsonFileTask(file.toString(), file.toString(), true);
    }

    /** The summary line of a {@link #parseTask} result; closes its document, if it holds one. */
    public static String summaryLine(Object parseResult) {
        return line((JsonFileResult) parseResult, JsonSummary.LINE);
    }

    private static String line(JsonFileResult result, JsonLine lines) {
        if (result.failed()) {
            return JsonFileResult.errorLine(result.file(), result.error());
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            result.writeLine(lines, out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
