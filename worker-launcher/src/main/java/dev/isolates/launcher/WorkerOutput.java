package dev.isolates.launcher;

import java.io.OutputStream;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where one worker's output goes instead of the launcher's sinks.
 *
 * @param stdout receives its stdout byte for byte, from the worker's reader thread
 * @param stderr receives each line of its stderr, from the worker's reader thread
 * @param ended  runs once both have been passed on to their end (the worker's JVM exited), or
 *               when the worker did not start; may run twice for a worker that failed as it started
 */
public record WorkerOutput(OutputStream stdout, Consumer<String> stderr, Runnable ended) {
    public WorkerOutput {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(ended, "ended");
    }
}
