package dev.isolates.launcher;

import java.util.Optional;

/**
 * Ends the worker within a fraction of a second once its supervisor is gone, {@code kill -9}
 * included: a daemon thread checks five times a second whether the supervisor still lives and is
 * still the parent. Costs a few system calls a second.
 */
final class ParentWatch implements Runnable {
    static final long PERIOD_MILLIS = 200;

    private final long supervisorPid;

    private ParentWatch(long supervisorPid) {
        this.supervisorPid = supervisorPid;
    }

    static void start(long supervisorPid) {
        Thread t = new Thread(new ParentWatch(supervisorPid), "isolate-parent-watch");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        Optional<ProcessHandle> supervisor = ProcessHandle.of(supervisorPid);
        boolean wasParent = ProcessHandle.current().parent().map(p -> p.pid() == supervisorPid).orElse(false);
        while (true) {
            boolean alive = supervisor.map(ProcessHandle::isAlive).orElse(false);
            boolean stillParent = !wasParent
                    || ProcessHandle.current().parent().map(p -> p.pid() == supervisorPid).orElse(false);
            if (!alive || !stillParent) {
                Runtime.getRuntime().halt(WorkerExitCodes.SUPERVISOR_GONE);
            }
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
