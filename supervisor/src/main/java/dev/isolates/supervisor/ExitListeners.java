package dev.isolates.supervisor;

import dev.isolates.IsolateExit;
import dev.isolates.SendPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who hears that one isolate ended: the future {@link #exited()} and the ports, each with its
 * response. Each port is told once: those registered before the end when it comes, those
 * registered after it at once.
 *
 * <p>Safe from any thread.
 */
final class ExitListeners {
    private static final Logger LOG = LoggerFactory.getLogger(ExitListeners.class);

    private final String debugName;
    private final CompletableFuture<IsolateExit> exited = new CompletableFuture<>();
    /** Guarded by itself. */
    private final Map<SendPort, Object> listeners = new LinkedHashMap<>();
    /** Guarded by {@code listeners}: the isolate has ended and its listeners were taken. */
    private boolean ended;

    /** @param debugName the isolate's name, for the log */
    ExitListeners(String debugName) {
        this.debugName = debugName;
    }

    /** Sends {@code response} to {@code port} when the isolate ends, or now if it has ended. */
    void add(SendPort port, Object response) {
        synchronized (listeners) {
            if (!ended) {
                listeners.put(port, response);
                return;
            }
        }
        port.send(response); // it has already ended
    }

    void remove(SendPort port) {
        synchronized (listeners) {
            listeners.remove(port);
        }
    }

    /** Completes once the isolate has ended, before the ports are told. */
    CompletableFuture<IsolateExit> exited() {
        return exited;
    }

    /**
     * Marks the isolate ended, completes {@link #exited()} with {@code exit}, runs {@code onceEnded},
     * then sends each port registered so far its response, in the order they came. From now on
     * {@link #add} answers at once. Called once; the callers' code runs outside any lock.
     */
    void end(IsolateExit exit, Runnable onceEnded) {
        List<Map.Entry<SendPort, Object>> taken;
        synchronized (listeners) {
            ended = true;
            taken = new ArrayList<>(listeners.entrySet());
            listeners.clear();
        }
        exited.complete(exit);
        onceEnded.run();
        for (Map.Entry<SendPort, Object> e : taken) {
            try {
                e.getKey().send(e.getValue());
            } catch (RuntimeException ex) {
                LOG.warn("could not tell {} that isolate {} ended: {}", e.getKey(), debugName, ex.toString());
            }
        }
    }
}
