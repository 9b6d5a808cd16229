package dev.isolates.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Results of work running in parallel, handed on in the order the work was added, with at most
 * {@code window} items in flight: the output streams in input order and memory stays flat however
 * long the input is. Not thread-safe: one thread adds and emits.
 *
 * @param <K> what identifies an item (a line number, a file)
 * @param <V> its result
 */
final class OrderedOutput<K, V> {
    /** Receives each item's result, or its failure, in order. */
    interface Emitter<K, V> {
        void emit(K key, V value, Throwable failure);
    }

    private record Entry<K, V>(K key, CompletableFuture<V> future) {
    }

    private final int window;
    private final Emitter<K, V> emitter;
    private final Deque<Entry<K, V>> inFlight = new ArrayDeque<>();

    OrderedOutput(int window, Emitter<K, V> emitter) {
        this.window = Math.max(1, window);
        this.emitter = emitter;
    }

    /** Adds an item; first hands on the oldest ones while the window is full. */
    void add(K key, CompletableFuture<V> future) throws InterruptedException {
        inFlight.addLast(new Entry<>(key, future));
        while (inFlight.size() >= window) {
            emitOldest();
        }
    }

    /** Hands on everything still in flight. */
    void finish() throws InterruptedException {
        while (!inFlight.isEmpty()) {
            emitOldest();
        }
    }

    private void emitOldest() throws InterruptedException {
        Entry<K, V> e = inFlight.pollFirst();
        V value;
        try {
            value = e.future().get();
        } catch (ExecutionException failure) {
            emitter.emit(e.key(), null, Outcomes.unwrap(failure));
            return;
        }
        emitter.emit(e.key(), value, null);
    }
}
