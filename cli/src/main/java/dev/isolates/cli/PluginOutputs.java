package dev.isolates.cli;

import dev.isolates.IsolateOptions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The output of a command's plugin isolates, when it goes to a client's streams rather than this
 * process's: each isolate gets streams of its own onto the command's {@code out} and {@code err},
 * which its launcher closes once the isolate's JVM has exited and all it wrote was passed on (or
 * at once when it did not start). The
 * command's exit code goes to the client only after that, or the client would exit before the
 * last lines of a {@code main} arrived. Thread-safe.
 */
public final class PluginOutputs {
    private final PrintStream out;
    private final PrintStream err;
    /** Streams given to isolates and not closed yet. Guarded by this. */
    private int open;

    /** Output onto {@code out} and {@code err}. */
    public PluginOutputs(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Sends the output of each isolate {@code options} start to this command's streams. */
    void attach(IsolateOptions.Builder options) {
        options.output(() -> open(out), () -> open(err));
    }

    private synchronized OutputStream open(PrintStream to) {
        open++;
        return new IsolateStream(to);
    }

    /**
     * Waits until every isolate's output has been passed on.
     *
     * @return false if some isolate's had not after {@code limit}
     */
    public synchronized boolean awaitPassedOn(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (open > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    private synchronized void closed() {
        open--;
        notifyAll();
    }

    /** One isolate's stdout or stderr: writes go to the command's stream; closing it leaves that open. */
    private final class IsolateStream extends OutputStream {
        private final PrintStream to;
        private boolean closed;

        IsolateStream(PrintStream to) {
            this.to = to;
        }

        @Override
        public void write(int b) {
            to.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            to.write(b, off, len);
        }

        @Override
        public void flush() {
            to.flush();
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            to.flush();
            closed();
        }
    }
}
