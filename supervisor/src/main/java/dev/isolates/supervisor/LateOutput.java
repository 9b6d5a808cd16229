package dev.isolates.supervisor;

import dev.isolates.launcher.WorkerOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The output of a prestarted isolate, whose destination is known only once a call takes it: until
 * then what its JVM writes (warnings at start, say) is held, up to {@value #HELD_LIMIT} bytes, and
 * {@link #bind} passes that on first, so the call's streams get all the isolate ever wrote, as
 * they would from an isolate started for the call. An isolate never taken ends with its output
 * dropped.
 *
 * <p>Thread-safe: the isolate's reader threads write while a caller binds.
 */
final class LateOutput {
    static final int HELD_LIMIT = 64 * 1024;

    private final ByteArrayOutputStream heldStdout = new ByteArrayOutputStream();
    private final List<String> heldStderr = new ArrayList<>();
    private int held;
    private WorkerOutput bound;
    private boolean ended;

    /** The form the launcher takes: stdout bytes, stderr lines and the end, all passed on or held here. */
    WorkerOutput asWorkerOutput() {
        return new WorkerOutput(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                stdout(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                OutputStream to = boundStdout();
                if (to != null) {
                    to.flush();
                }
            }
        }, this::stderr, this::end);
    }

    /**
     * From now on the output goes to {@code to}: first what was held, then the rest. When the
     * isolate has ended already, {@code to} is ended at once.
     */
    void bind(WorkerOutput to) throws IOException {
        Objects.requireNonNull(to, "to");
        boolean endNow;
        synchronized (this) {
            if (bound != null) {
                throw new IllegalStateException("bound already");
            }
            bound = to;
            heldStdout.writeTo(to.stdout());
            heldStdout.reset();
            heldStderr.forEach(to.stderr());
            heldStderr.clear();
            endNow = ended;
        }
        if (endNow) {
            to.ended().run();
        }
    }

    private synchronized OutputStream boundStdout() {
        return bound == null ? null : bound.stdout();
    }

    private synchronized void stdout(byte[] b, int off, int len) throws IOException {
        if (bound != null) {
            bound.stdout().write(b, off, len);
        } else if (held + len <= HELD_LIMIT) {
            heldStdout.write(b, off, len);
            held += len;
        }
    }

    private synchronized void stderr(String line) {
        if (bound != null) {
            bound.stderr().accept(line);
        } else {
            int size = line.getBytes(StandardCharsets.UTF_8).length + 1;
            if (held + size <= HELD_LIMIT) {
                heldStderr.add(line);
                held += size;
            }
        }
    }

    private void end() {
        WorkerOutput to;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            to = bound;
        }
        if (to != null) {
            to.ended().run();
        }
    }
}
