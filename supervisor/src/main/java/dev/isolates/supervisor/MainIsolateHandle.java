package dev.isolates.supervisor;

import dev.isolates.IsolateExit;
import dev.isolates.KillPriority;
import dev.isolates.SendPort;
import dev.isolates.runtime.IsolateHandle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The main isolate, seen from itself. It is the supervisor's JVM, so it ends only with that JVM:
 * kill, pause and error settings do not apply, and its exit is never observed.
 */
final class MainIsolateHandle implements IsolateHandle {
    private static final CompletableFuture<IsolateExit> NEVER = new CompletableFuture<>();

    @Override
    public String debugName() {
        return "main";
    }

    @Override
    public long pid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public boolean isAlive() {
        return true;
    }

    @Override
    public CompletableFuture<IsolateExit> onExit() {
        return NEVER.thenApply(e -> e);
    }

    @Override
    public void kill(KillPriority priority) {
        throw unsupported("killed; end the JVM with System.exit");
    }

    @Override
    public void pause() {
        throw unsupported("paused");
    }

    @Override
    public void resume() {
        throw unsupported("paused or resumed");
    }

    @Override
    public CompletableFuture<Duration> ping() {
        return CompletableFuture.completedFuture(Duration.ZERO);
    }

    @Override
    public void addOnExitListener(SendPort port, Object response) {
        // the main isolate's end is the JVM's end: nobody is left to tell
    }

    @Override
    public void removeOnExitListener(SendPort port) {
    }

    @Override
    public void addErrorListener(SendPort port) {
        throw unsupported("given error listeners; its uncaught exceptions are its threads' own");
    }

    @Override
    public void removeErrorListener(SendPort port) {
    }

    @Override
    public void setErrorsFatal(boolean fatal) {
        throw unsupported("given an errors-fatal setting");
    }

    private static UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException("the main isolate is this JVM and cannot be " + what);
    }
}
