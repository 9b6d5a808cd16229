package dev.isolates.supervisor;

import dev.isolates.IsolateExit;
import dev.isolates.KillPriority;
import dev.isolates.SendPort;
import dev.isolates.runtime.IsolateHandle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** An isolate seen from the main isolate, which supervises its JVM directly. */
final class ProcessIsolateHandle implements IsolateHandle {
    private final IsolateProcess process;

    ProcessIsolateHandle(IsolateProcess process) {
        this.process = process;
    }

    @Override
    public String debugName() {
        return process.debugName();
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public CompletableFuture<IsolateExit> onExit() {
        return process.exited().thenApply(e -> e); // a copy: callers may not complete the supervisor's own future
    }

    @Override
    public void kill(KillPriority priority) {
        if (priority == KillPriority.IMMEDIATE) {
            process.kill();
        } else {
            process.control().requestKill();
            process.nudge();
        }
    }

    @Override
    public void pause() {
        process.control().pause();
    }

    @Override
    public void resume() {
        process.control().resume();
        process.nudge();
    }

    @Override
    public CompletableFuture<Duration> ping() {
        return process.ping();
    }

    @Override
    public void addOnExitListener(SendPort port, Object response) {
        process.addExitListener(port, response);
    }

    @Override
    public void removeOnExitListener(SendPort port) {
        process.removeExitListener(port);
    }

    @Override
    public void addErrorListener(SendPort port) {
        process.addErrorListener(port);
    }

    @Override
    public void removeErrorListener(SendPort port) {
        process.removeErrorListener(port);
    }

    @Override
    public void setErrorsFatal(boolean fatal) {
        process.control().errorsFatal(fatal);
    }
}
