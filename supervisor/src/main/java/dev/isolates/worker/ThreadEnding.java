package dev.isolates.worker;

/**
 * The end of an in-process isolate: the exit code is kept, and the ending thread unwinds with an
 * {@link IsolateThreadEnd}, which the event loop and the computations pass on and
 * {@link IsolateWorkerBody#serveInThread} catches. An end chosen on another thread (a thread the
 * isolate's code started) interrupts the event loop, which ends at its next check.
 *
 * <p>Safe from any thread.
 */
final class ThreadEnding implements IsolateEnding {
    private final Thread loop;
    /** The exit code once the isolate has ended; -1 before. */
    private volatile int code = -1;

    /** @param loop the isolate's event loop thread */
    ThreadEnding(Thread loop) {
        this.loop = loop;
    }

    @Override
    public synchronized void halt(int code) {
        if (this.code < 0) {
            this.code = code;
        }
        if (Thread.currentThread() != loop) {
            loop.interrupt();
        }
        throw new IsolateThreadEnd(this.code);
    }

    @Override
    public void exitInOrder(int code) {
        halt(code);
    }

    @Override
    public boolean ownsJvm() {
        return false;
    }

    @Override
    public boolean ended() {
        return code >= 0;
    }

    @Override
    public void checkEnded() {
        int ended = code;
        if (ended >= 0) {
            throw new IsolateThreadEnd(ended);
        }
    }
}
