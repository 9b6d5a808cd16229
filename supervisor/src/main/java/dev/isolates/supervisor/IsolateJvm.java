package dev.isolates.supervisor;

import dev.isolates.IsolateExit;
import dev.isolates.launcher.IsolateProcessTree;
import dev.isolates.launcher.LaunchedWorker;
import dev.isolates.protocol.ExitNotice;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One isolate's JVM as a process: alive or not, killed, given a grace period to end, waited for,
 * and what it left when it ended (its exit code, last stderr lines, a fatal-error report). The
 * processes the isolate started end with it (see {@link IsolateProcessTree}).
 *
 * <p>Safe from any thread.
 */
final class IsolateJvm implements IsolateHost {
    private static final Logger LOG = LoggerFactory.getLogger(IsolateJvm.class);
    /** How long a JVM may take to exit after its channel closed, or after SHUTDOWN, before it is killed. */
    static final long EXIT_GRACE_MILLIS = 5_000;

    private final LaunchedWorker worker;
    private final Process process;
    private final IsolateProcessTree tree;
    private final String debugName;
    /** The JVM's fatal-error report, once it is known to have left one. */
    private volatile Path crashReport;

    IsolateJvm(LaunchedWorker worker, String debugName) {
        this.worker = worker;
        this.process = worker.process();
        this.tree = worker.tree();
        this.debugName = debugName;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the JVM and the processes below it at once (SIGKILL). */
    @Override
    public void kill() {
        tree.kill();
    }

    /** Kills the processes the isolate started that outlived its JVM; call once the JVM has exited. */
    @Override
    public void endOrphans() {
        int ended = tree.endOrphans();
        if (ended > 0) {
            LOG.debug("isolate {} (pid {}) left {} processes running; killed them", debugName, pid(), ended);
        }
    }

    /** Kills the JVM if it is still alive {@link #EXIT_GRACE_MILLIS} after it was asked to end. */
    @Override
    public void killUnlessEndedInGrace(Session session) {
        session.scheduleOnce(EXIT_GRACE_MILLIS, () -> {
            if (isAlive()) {
                LOG.warn("isolate {} (pid {}) did not end within {} ms of being asked; killing it", debugName, pid(),
                        EXIT_GRACE_MILLIS);
                kill();
            }
        });
    }

    /**
     * Waits for the JVM to exit (see {@link #awaitExit}) and its last stderr lines, then says how it ended.
     *
     * @param notice     the worker's last notice, or null
     * @param orderly    true when the supervisor asked it to end
     * @param unreadable true when the supervisor ended it because it could not read what it sent
     */
    @Override
    public IsolateExit awaitEnd(ExitNotice notice, boolean orderly, boolean unreadable) {
        int exitCode = awaitExit();
        endOrphans(); // first: an orphan holding the JVM's stdout open would hold up its output's end
        crashReport = worker.exited(exitCode).orElse(null);
        worker.stderr().awaitEnd(2_000);
        return unreadable ? ExitClassifier.unreadable(exitCode)
                : ExitClassifier.classify(exitCode, notice, orderly, worker.stderr().lines());
    }

    @Override
    public void awaitExit(long nanos) {
        process.toHandle().onExit().orTimeout(nanos, TimeUnit.NANOSECONDS).join();
    }

    @Override
    public boolean abandoned() {
        return false; // a killed JVM writes nothing more
    }

    /** The JVM's fatal-error report, if it crashed and left one; known once it has ended. */
    @Override
    public Optional<Path> crashReport() {
        return Optional.ofNullable(crashReport);
    }

    /** The last lines the JVM wrote to stderr. */
    @Override
    public String stderrTail() {
        return worker.stderr().text();
    }

    /** Waits up to {@code millis} until all the JVM wrote to stdout has been passed on. */
    @Override
    public void awaitOutput(long millis) {
        worker.stdout().awaitEnd(millis);
    }

    /**
     * Waits for the JVM whose channel has closed to exit, killing it if it has not within
     * {@link #EXIT_GRACE_MILLIS}; returns its exit code, or -1 if this thread was interrupted.
     */
    private int awaitExit() {
        try {
            if (!process.waitFor(EXIT_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("isolate {} (pid {}) closed its channel but did not exit; killing it", debugName, pid());
                kill();
                process.waitFor();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            return -1;
        }
    }
}
