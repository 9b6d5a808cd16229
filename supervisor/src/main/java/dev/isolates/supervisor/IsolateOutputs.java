package dev.isolates.supervisor;

import dev.isolates.IsolateOptions;
import dev.isolates.launcher.WorkerOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/** The launcher's form of the output streams {@link IsolateOptions#stdout()} and {@link IsolateOptions#stderr()} give. */
final class IsolateOutputs {
    private IsolateOutputs() {
    }

    private static void close(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // its reader has gone: there is nothing left to tell it
        }
    }

    /**
     * Where the output of the isolate about to start goes (streams asked of the options now), or
     * null for the session's sinks (this JVM's own streams).
     */
    static WorkerOutput of(IsolateOptions options) {
        if (options.stdout().isEmpty()) {
            return null;
        }
        OutputStream out = options.stdout().orElseThrow().get();
        OutputStream err = options.stderr().orElseThrow().get();
        AtomicBoolean ended = new AtomicBoolean();
        return new WorkerOutput(out, line -> {
            try {
                err.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                err.flush();
            } catch (IOException e) {
                // the stream's reader has gone; the line stays in the isolate's stderr tail, and the
                // reader thread must go on draining the pipe so the isolate never blocks on it
            }
        }, () -> {
            if (ended.compareAndSet(false, true)) {
                close(out);
                close(err);
            }
        });
    }
}
