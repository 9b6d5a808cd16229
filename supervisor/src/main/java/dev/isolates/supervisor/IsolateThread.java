package dev.isolates.supervisor;

import dev.isolates.IsolateExit;
import dev.isolates.bootstrap.WorkerThread;
import dev.isolates.launcher.InProcessWorker;
import dev.isolates.protocol.ExitNotice;
import dev.isolates.protocol.ExitReason;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process isolate's thread, seen from the supervisor. A thread cannot be killed: a kill sets
 * the isolate's kill word, interrupts the thread and wakes it, and its event loop ends before its
 * next event. A thread still running its task {@link #KILL_GRACE_MILLIS} after a kill is abandoned:
 * the isolate counts as killed, and the daemon thread runs on until its task returns, when it sees
 * the kill word and ends. It has no output of its own (it writes to this JVM's) and leaves no
 * crash report.
 *
 * <p>Safe from any thread.
 */
final class IsolateThread implements IsolateHost {
    private static final Logger LOG = LoggerFactory.getLogger(IsolateThread.class);
    /** How long a killed isolate's thread may take to return to its event loop before it is abandoned. */
    static final long KILL_GRACE_MILLIS = 1_000;

    private final InProcessWorker worker;
    private final WorkerThread thread;
    private final String debugName;
    private final Session session;
    private volatile boolean abandoned;

    IsolateThread(InProcessWorker worker, String debugName, Session session) {
        this.worker = worker;
        this.thread = worker.thread();
        this.debugName = debugName;
        this.session = session;
    }

    @Override
    public long pid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public boolean isAlive() {
        return !abandoned && !thread.exit().isDone();
    }

    @Override
    public void kill() {
        if (!isAlive()) {
            return;
        }
        worker.channel().control().requestKill();
        thread.interrupt();
        worker.channel().nudge();
        session.scheduleOnce(KILL_GRACE_MILLIS, () -> {
            if (isAlive()) {
                LOG.warn("in-process isolate {} did not return to its event loop within {} ms of its kill; its"
                        + " thread is abandoned and runs on until its task returns", debugName, KILL_GRACE_MILLIS);
                abandoned = true;
            }
        });
    }

    @Override
    public void endOrphans() {
        // the processes the isolate's code started are this JVM's children, like any other code's
    }

    @Override
    public void killUnlessEndedInGrace(Session session) {
        session.scheduleOnce(IsolateJvm.EXIT_GRACE_MILLIS, () -> {
            if (isAlive()) {
                LOG.warn("in-process isolate {} did not end within {} ms of being asked; killing it", debugName,
                        IsolateJvm.EXIT_GRACE_MILLIS);
                kill();
            }
        });
    }

    @Override
    public void awaitExit(long nanos) {
        try {
            thread.awaitEnd(TimeUnit.NANOSECONDS.toMillis(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public IsolateExit awaitEnd(ExitNotice notice, boolean orderly, boolean unreadable) {
        int exitCode = awaitThread();
        if (exitCode < 0) {
            return new IsolateExit(ExitReason.KILLED.code(), OptionalInt.empty(), ExitReason.KILLED.text());
        }
        return unreadable ? ExitClassifier.unreadable(exitCode)
                : ExitClassifier.classify(exitCode, notice, orderly, List.of());
    }

    /** The thread's exit code once it has ended, or -1 if it was abandoned or does not end in grace. */
    private int awaitThread() {
        if (abandoned) {
            return -1;
        }
        try {
            int code = thread.exit().get(IsolateJvm.EXIT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            // the thread completes its exit last: once it is gone, no thread of the isolate outlives its end
            if (!thread.awaitEnd(IsolateJvm.EXIT_GRACE_MILLIS)) {
                LOG.warn("in-process isolate {} ended but its thread did not", debugName);
            }
            return code;
        } catch (TimeoutException e) {
            LOG.warn("in-process isolate {} closed its channel but its thread did not end; abandoning it", debugName);
            abandoned = true;
            return -1;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the exit of in-process isolate " + debugName + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandoned = true;
            return -1;
        }
    }

    @Override
    public boolean abandoned() {
        return abandoned;
    }

    @Override
    public Optional<Path> crashReport() {
        return Optional.empty();
    }

    @Override
    public String stderrTail() {
        return "";
    }

    @Override
    public void awaitOutput(long millis) {
        // what the isolate printed went straight to this JVM's streams
    }
}
