package dev.isolates.cli;

import dev.isolates.IsolateCallable;
import java.io.IOException;
import java.nio.file.Path;

/** The work of {@code isolatectl json} on one file, for benchmarks that compare it with plain Jackson. */
public final class JsonFiles {
    private JsonFiles() {
    }

    /** The summary line of {@code file}, computed in this thread. */
    public static String summarize(Path file) throws IOException {
        return new JsonFileTask(file.toString(), false).call().toString();
    }

    /** The document of {@code file} compacted on one line ({@code --output ndjson}), computed in this thread. */
    public static String compact(Path file) throws IOException {
        return new JsonFileTask(file.toString(), true).call().toString();
    }

    /** The same as a task for an isolate; its result's {@code toString()} holds the line. */
    public static IsolateCallable<?> compactTask(Path file) {
        return new JsonFileTask(file.toString(), true);
    }

    /** The same work as a task for an isolate; its result's {@code toString()} holds the line. */
    public static IsolateCallable<?> summaryTask(Path file) {
        return new JsonFileTask(file.toString(), false);
    }
}
