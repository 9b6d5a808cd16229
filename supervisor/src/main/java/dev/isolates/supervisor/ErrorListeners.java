package dev.isolates.supervisor;

import dev.isolates.IsolateError;
import dev.isolates.SendPort;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ports told of each error one isolate did not catch.
 *
 * <p>Safe from any thread.
 */
final class ErrorListeners {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorListeners.class);

    private final String debugName;
    private final List<SendPort> ports = new CopyOnWriteArrayList<>();

    /** @param debugName the isolate's name, for the log */
    ErrorListeners(String debugName) {
        this.debugName = debugName;
    }

    void add(SendPort port) {
        ports.add(port);
    }

    void remove(SendPort port) {
        ports.remove(port);
    }

    /** Sends {@code error} to every port; one that cannot be told does not keep the rest from it. */
    void report(IsolateError error) {
        for (SendPort port : ports) {
            try {
                port.send(error);
            } catch (RuntimeException e) {
                LOG.warn("could not tell {} of an error in isolate {}: {}", port, debugName, e.toString());
            }
        }
    }
}
