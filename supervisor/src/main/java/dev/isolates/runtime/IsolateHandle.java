package dev.isolates.runtime;

import dev.isolates.IsolateExit;
import dev.isolates.KillPriority;
import dev.isolates.SendPort;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** What an {@link dev.isolates.Isolate} does, seen from the isolate that holds it. Thread-safe. */
public interface IsolateHandle {
    String debugName();

    long pid();

    boolean isAlive();

    CompletableFuture<IsolateExit> onExit();

    void kill(KillPriority priority);

    void pause();

    void resume();

    CompletableFuture<Duration> ping();

    void addOnExitListener(SendPort port, Object response);

    void removeOnExitListener(SendPort port);

    void addErrorListener(SendPort port);

    void removeErrorListener(SendPort port);

    void setErrorsFatal(boolean fatal);
}
