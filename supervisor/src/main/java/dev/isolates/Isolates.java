package dev.isolates;

import dev.isolates.supervisor.RunCall;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Runs computations in isolates: each isolate is its own JVM process, with its own heap, so a crash,
 * an exhausted heap or a {@code System.exit} there never reaches the caller.
 *
 * <pre>{@code
 * CompletableFuture<Integer> sum = Isolates.run(() -> IntStream.rangeClosed(1, 100).sum());
 * sum.get();   // 5050
 * }</pre>
 *
 * <p>All methods are safe to call from any thread.
 */
public final class Isolates {
    private Isolates() {
    }

    /**
     * Runs {@code computation} in a fresh isolate and completes with its result, like Dart's
     * {@code Isolate.run}. The future always completes: with the value; with the exception the
     * computation threw (same class, message and remote stack where it can be rebuilt, else a
     * {@link RemoteException}); or with an {@link IsolateCrashedException},
     * {@link IsolateTimeoutException}, {@link UnsendableException} or {@link IsolateStartException}.
     */
    public static <T> CompletableFuture<T> run(IsolateCallable<T> computation) {
        return run(computation, IsolateOptions.defaults());
    }

    /** As {@link #run(IsolateCallable)}, with the isolate's JVM started as {@code options} say. */
    public static <T> CompletableFuture<T> run(IsolateCallable<T> computation, IsolateOptions options) {
        Objects.requireNonNull(computation, "computation");
        Objects.requireNonNull(options, "options");
        return RunCall.start(computation, options);
    }
}
