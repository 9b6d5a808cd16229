package dev.isolates;

import dev.isolates.runtime.ApiBridge;
import dev.isolates.runtime.IsolateHandle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A handle on an isolate, like Dart's {@code Isolate}: from {@link Isolates#spawn} or
 * {@link Isolates#current()}. It controls the isolate's life: kill, pause and resume, ping, and
 * listeners for its exit and its uncaught errors. Handles are not sendable; send a
 * {@link SendPort} instead.
 *
 * <p>Thread-safe.
 */
public final class Isolate {
    static {
        ApiBridge.install(new RuntimeBridge());
    }

    private final IsolateHandle handle;

    Isolate(IsolateHandle handle) {
        this.handle = handle;
    }

    /**
     * The isolate's name.
     *
     * @return the name given with {@link IsolateOptions.Builder#debugName}, a generated one, or
     *         {@code main} for the main isolate
     */
    public String debugName() {
        return handle.debugName();
    }

    /**
     * The process id of the isolate's JVM.
     *
     * @return the pid, also after the JVM has ended; this JVM's own for the main isolate and for an
     *         {@link IsolateOptions.Builder#inProcess(boolean) in-process} one
     */
    public long pid() {
        return handle.pid();
    }

    /**
     * True while the isolate's JVM runs.
     *
     * @return false once its JVM has ended; always true for the main isolate
     */
    public boolean isAlive() {
        return handle.isAlive();
    }

    /**
     * Completes when the isolate has ended, with its exit code, signal and reason.
     *
     * @return a new future on each call, completing normally however the isolate ends (completing it
     *         yourself changes nothing); it never completes for the main isolate
     */
    public CompletableFuture<IsolateExit> onExit() {
        return handle.onExit();
    }

    /** Kills the isolate at once ({@link KillPriority#IMMEDIATE}). */
    public void kill() {
        kill(KillPriority.IMMEDIATE);
    }

    /**
     * Kills the isolate at once, or before it takes its next message.
     *
     * @param priority {@link KillPriority#IMMEDIATE} to kill its JVM now (an in-process isolate's
     *                 thread is interrupted and ends before its next event; see
     *                 {@link IsolateOptions.Builder#inProcess(boolean)}), or
     *                 {@link KillPriority#BEFORE_NEXT_EVENT} to let the event it runs finish first
     * @throws UnsupportedOperationException for the main isolate, which ends only with its JVM
     */
    public void kill(KillPriority priority) {
        handle.kill(priority);
    }

    /**
     * Pauses the isolate: it takes no more messages (they wait, none is lost) until resumed as often
     * as it was paused. The event running now finishes.
     */
    public void pause() {
        handle.pause();
    }

    /** Takes back one {@link #pause()}. */
    public void resume() {
        handle.resume();
    }

    /**
     * Completes with the round trip time once the isolate's event loop has answered.
     *
     * @return the round trip, measured in this JVM; fails with an {@link IsolateException} if the
     *         isolate ends before it answers; zero at once for the main isolate
     */
    public CompletableFuture<Duration> ping() {
        return handle.ping();
    }

    /**
     * Sends {@code response} to {@code port} when the isolate ends (at once if it has ended).
     *
     * @param port     where the notice goes, in any isolate
     * @param response the message sent, copied as any message is; may be null
     */
    public void addOnExitListener(SendPort port, Object response) {
        handle.addOnExitListener(port, response);
    }

    /**
     * Stops sending exit notices to {@code port}.
     *
     * @param port a port given to {@link #addOnExitListener}; any other is ignored
     */
    public void removeOnExitListener(SendPort port) {
        handle.removeOnExitListener(port);
    }

    /**
     * Sends an {@link IsolateError} to {@code port} for each error the isolate does not catch.
     *
     * @param port where the errors go, in any isolate
     * @throws UnsupportedOperationException for the main isolate, whose uncaught exceptions are its
     *                                       threads' own
     */
    public void addErrorListener(SendPort port) {
        handle.addErrorListener(port);
    }

    /**
     * Stops sending errors to {@code port}.
     *
     * @param port a port given to {@link #addErrorListener}; any other is ignored
     */
    public void removeErrorListener(SendPort port) {
        handle.removeErrorListener(port);
    }

    /**
     * Whether an uncaught error ends the isolate (the default) or it goes on with the next message.
     *
     * @param fatal true to end the isolate on its next uncaught error, false to let it go on
     * @throws UnsupportedOperationException for the main isolate
     */
    public void setErrorsFatal(boolean fatal) {
        handle.setErrorsFatal(fatal);
    }

    @Override
    public String toString() {
        return "Isolate[" + debugName() + ", pid " + pid() + "]";
    }
}
