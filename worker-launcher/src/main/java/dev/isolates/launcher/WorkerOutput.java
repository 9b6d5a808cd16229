package dev.isolates.launcher;

import java.io.OutputStream;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where one worker's output goes instead of the launcher's sinks.
 *
 * @param stdout receives its stdout byte for byte, from the worker's reader thread
 * @param stderr receives each line of its stderr, from the worker's reader thread
 */
public record WorkerOutput(OutputStream stdout, Consumer<String> stderr) {
    public WorkerOutput {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }
}
