package dev.isolates;

/**
 * A computation to run in another isolate. It is {@link java.io.Serializable} so that a lambda's
 * captured values can be copied to the isolate's JVM; everything it captures must be sendable.
 *
 * @param <T> the result type; the result is copied back and must be sendable too
 */
@FunctionalInterface
public interface IsolateCallable<T> extends java.io.Serializable {
    /** Computes the result, in the isolate. */
    T call() throws Exception;
}
