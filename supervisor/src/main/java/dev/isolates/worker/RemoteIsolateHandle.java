package dev.isolates.worker;

import dev.isolates.IsolateExit;
import dev.isolates.KillPriority;
import dev.isolates.SendPort;
import dev.isolates.runtime.ControlOp;
import dev.isolates.runtime.IsolateHandle;
import dev.isolates.runtime.SpawnedInfo;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** An isolate seen from a spawned isolate: every lifecycle call is a request to the supervisor. */
final class RemoteIsolateHandle implements IsolateHandle {
    private final SpawnedInfo info;
    private final WorkerRuntime runtime;
    private volatile CompletableFuture<IsolateExit> exit;

    RemoteIsolateHandle(SpawnedInfo info, WorkerRuntime runtime) {
        this.info = info;
        this.runtime = runtime;
    }

    @Override
    public String debugName() {
        return info.debugName();
    }

    @Override
    public long pid() {
        return info.pid();
    }

    @Override
    public boolean isAlive() {
        return ProcessHandle.of(info.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public CompletableFuture<IsolateExit> onExit() {
        CompletableFuture<IsolateExit> e = exit;
        if (e == null) {
            synchronized (this) {
                if (exit == null) {
                    exit = runtime.request(ControlOp.WATCH_EXIT, info.id(), null, null).thenApply(IsolateExit.class::cast);
                }
                e = exit;
            }
        }
        return e.thenApply(x -> x);
    }

    @Override
    public void kill(KillPriority priority) {
        runtime.tell(priority == KillPriority.IMMEDIATE ? ControlOp.KILL : ControlOp.KILL_BEFORE_NEXT_EVENT, info.id(),
                null, null);
    }

    @Override
    public void pause() {
        runtime.tell(ControlOp.PAUSE, info.id(), null, null);
    }

    @Override
    public void resume() {
        runtime.tell(ControlOp.RESUME, info.id(), null, null);
    }

    @Override
    public CompletableFuture<Duration> ping() {
        return runtime.request(ControlOp.PING, info.id(), null, null).thenApply(Duration.class::cast);
    }

    @Override
    public void addOnExitListener(SendPort port, Object response) {
        runtime.tell(ControlOp.ADD_EXIT_LISTENER, info.id(), port, response);
    }

    @Override
    public void removeOnExitListener(SendPort port) {
        runtime.tell(ControlOp.REMOVE_EXIT_LISTENER, info.id(), port, null);
    }

    @Override
    public void addErrorListener(SendPort port) {
        runtime.tell(ControlOp.ADD_ERROR_LISTENER, info.id(), port, null);
    }

    @Override
    public void removeErrorListener(SendPort port) {
        runtime.tell(ControlOp.REMOVE_ERROR_LISTENER, info.id(), port, null);
    }

    @Override
    public void setErrorsFatal(boolean fatal) {
        runtime.tell(ControlOp.SET_ERRORS_FATAL, info.id(), fatal, null);
    }
}
