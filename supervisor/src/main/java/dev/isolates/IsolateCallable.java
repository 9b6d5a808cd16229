package dev.isolates;

/**
 * A computation to run in another isolate. It is {@link java.io.Serializable} so that a lambda's
 * captured values can be copied to the isolate's JVM; everything it captures must be sendable.
 *
 * @param <T> the result type; the result is copied back and must be sendable too
 */
@FunctionalInterface
public interface IsolateCallable<T> extends java.io.Serializable {
    /**
     * Computes the result, in the isolate.
     *
     * @return the result, copied back to the caller; may be null
     * @throws Exception anything; the caller's future fails with it, rebuilt as its own class where
     *                   possible, else as a {@link RemoteException}
     */
    T call() throws Exception;
}
