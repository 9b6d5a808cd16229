package dev.isolates.supervisor;

import dev.isolates.IsolateOptions;
import dev.isolates.launcher.WorkerOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The launcher's form of the output streams {@link IsolateOptions#stdout()} and {@link IsolateOptions#stderr()} name. */
final class IsolateOutputs {
    private IsolateOutputs() {
    }

    /** Where the isolate's output goes, or null for the session's sinks (this JVM's own streams). */
    static WorkerOutput of(IsolateOptions options) {
        if (options.stdout().isEmpty()) {
            return null;
        }
        OutputStream err = options.stderr().orElseThrow();
        return new WorkerOutput(options.stdout().orElseThrow(), line -> {
            try {
                err.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                err.flush();
            } catch (IOException e) {
                // the stream's reader has gone; the line stays in the isolate's stderr tail, and the
                // reader thread must go on draining the pipe so the isolate never blocks on it
            }
        });
    }
}
