package dev.isolates;

/**
 * A function that {@link IsolatePool#map} applies, in an isolate, to each input. It is
 * {@link java.io.Serializable} so that a lambda and what it captures can be copied to the isolate's
 * JVM; its inputs and results must be sendable too.
 *
 * @param <A> the input type
 * @param <R> the result type
 */
@FunctionalInterface
public interface IsolateFunction<A, R> extends java.io.Serializable {
    /**
     * The result for {@code input}, computed in the isolate.
     *
     * @param input one element of the map's input list, copied into the isolate
     * @return the result, copied back to its place in the map's result list; may be null
     * @throws Exception anything; the map fails with a {@link MapElementException} naming the input
     */
    R apply(A input) throws Exception;
}
