package dev.isolates;

/**
 * The code a spawned isolate starts with, like the function given to Dart's {@code Isolate.spawn}.
 * It runs on the isolate's event loop; the isolate lives on while it has open {@link ReceivePort}s.
 *
 * @param <M> the type of the first message, usually a {@link SendPort} to answer on
 */
@FunctionalInterface
public interface IsolateEntryPoint<M> extends java.io.Serializable {
    /**
     * Starts the isolate's work, in the isolate.
     *
     * @param message the message given to {@link Isolates#spawn}, copied into the isolate
     * @throws Exception anything; it is the isolate's uncaught error: its error listeners get it, and
     *                   it ends the isolate unless errors were made non-fatal
     */
    void start(M message) throws Exception;
}
