package dev.isolates.bootstrap;

import dev.isolates.launcher.IsolateProcessTree;
import dev.isolates.protocol.ExitReason;
import java.util.Optional;

/**
 * Ends the worker within a fraction of a second once its supervisor is gone, {@code kill -9}
 * included: a daemon thread checks five times a second whether the supervisor still lives and is
 * still the parent. Costs a few system calls a second. Before it ends the worker it kills the
 * processes the isolate's code started (see {@link IsolateProcessTree#ofThisJvm()}).
 *
 * <p>Task code shares the JVM and may interrupt every thread in it (or, on Java 17, stop one): the
 * watch ignores interrupts and outlives whatever is thrown at it, so nothing but the JVM's end ends it.
 */
final class ParentWatch implements Runnable {
    static final long PERIOD_MILLIS = 200;

    private final long supervisorPid;
    private final Optional<ProcessHandle> supervisor;
    private final boolean wasParent;

    private ParentWatch(long supervisorPid) {
        this.supervisorPid = supervisorPid;
        this.supervisor = ProcessHandle.of(supervisorPid);
        this.wasParent = isParent();
    }

    static void start(long supervisorPid) {
        if (supervisorPid == WorkerArguments.UNWATCHED) {
            return;
        }
        Thread t = new Thread(new ParentWatch(supervisorPid), "isolate-parent-watch");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        while (true) {
            try {
                watch();
            } catch (Throwable t) {
                // a ThreadDeath from Thread.stop, or an Error in a check: keep watching
            }
        }
    }

    private void watch() {
        while (true) {
            boolean alive = supervisor.map(ProcessHandle::isAlive).orElse(false);
            if (!alive || (wasParent && !isParent())) {
                endWhatTheIsolateStarted();
                Runtime.getRuntime().halt(ExitReason.SUPERVISOR_GONE.code());
            }
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                // task code interrupting every thread must not end the watch; the flag is cleared
            }
        }
    }

    /** With the supervisor gone, nobody else is left to end the processes the isolate's code started. */
    private static void endWhatTheIsolateStarted() {
        try {
            IsolateProcessTree.ofThisJvm().endOrphans();
        } catch (RuntimeException e) {
            // the halt comes all the same
        }
    }

    private boolean isParent() {
        return ProcessHandle.current().parent().map(p -> p.pid() == supervisorPid).orElse(false);
    }
}
