package dev.isolates.supervisor;

import dev.isolates.IsolateFunction;
import dev.isolates.MapElementException;
import dev.isolates.runtime.MapChunk;
import dev.isolates.runtime.MapChunkFailure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@link dev.isolates.IsolatePool#map}: the inputs cut into chunks, each chunk one bulk task of
 * the pool ({@link MapChunk}), and the chunks' result lists joined back in input order. When chunks
 * fail, the map fails once all have ended, with the failure of the first in input order: an input
 * the function threw for becomes a {@link MapElementException} naming its index; an isolate's crash,
 * a timeout or an unsendable result is passed on as it is.
 *
 * <p>Thread-safe: chunks complete on any thread; the last one to end completes the map.
 */
final class MapCall<A, R> {
    private final int inputs;
    private final int chunkSize;
    private final Object[] results;
    private final Throwable[] failures;
    private final AtomicInteger chunksLeft;
    private final CompletableFuture<List<R>> future = new CompletableFuture<>();

    private MapCall(int inputs, int chunkSize) {
        this.inputs = inputs;
        this.chunkSize = chunkSize;
        int chunks = (int) (((long) inputs + chunkSize - 1) / chunkSize);
        this.results = new Object[inputs];
        this.failures = new Throwable[chunks];
        this.chunksLeft = new AtomicInteger(chunks);
    }

    /** Submits the chunks to {@code pool} and returns the map's future; cancelling it cancels the chunks. */
    static <A, R> CompletableFuture<List<R>> start(Pool pool, IsolateFunction<A, R> function, List<A> inputs,
                                                    int chunkSize) {
        if (inputs.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        MapCall<A, R> call = new MapCall<>(inputs.size(), chunkSize);
        List<MapChunk<A, R>> chunks = new ArrayList<>(call.failures.length);
        for (int from = 0; from < inputs.size(); from += chunkSize) {
            chunks.add(new MapChunk<>(function, inputs.subList(from, Math.min(inputs.size(), from + chunkSize))));
        }
        List<CompletableFuture<List<R>>> running = pool.submitAll(chunks);
        for (int c = 0; c < running.size(); c++) {
            int chunk = c;
            running.get(c).whenComplete((values, failure) -> call.ended(chunk, values, failure));
        }
        call.future.whenComplete((values, failure) -> {
            if (call.future.isCancelled()) {
                running.forEach(f -> f.cancel(true));
            }
        });
        return call.future;
    }

    private void ended(int chunk, List<R> values, Throwable failure) {
        int from = chunk * chunkSize;
        int length = Math.min(inputs, from + chunkSize) - from;
        if (failure == null && (values == null || values.size() != length)) {
            failure = new IllegalStateException("map chunk " + chunk + " answered " + (values == null ? "null"
                    : values.size() + " results") + " for " + length + " inputs");
        }
        if (failure == null) {
            for (int i = 0; i < length; i++) {
                results[from + i] = values.get(i);
            }
        } else {
            failures[chunk] = translate(failure, from);
        }
        if (chunksLeft.decrementAndGet() == 0) {
            finish();
        }
    }

    private Throwable translate(Throwable failure, int from) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        OptionalInt position = MapChunkFailure.position(t);
        return position.isPresent() ? new MapElementException(from + position.getAsInt(), inputs, t.getCause()) : t;
    }

    @SuppressWarnings("unchecked")
    private void finish() {
        for (Throwable f : failures) {
            if (f != null) {
                future.completeExceptionally(f);
                return;
            }
        }
        future.complete((List<R>) Collections.unmodifiableList(Arrays.asList(results)));
    }
}
