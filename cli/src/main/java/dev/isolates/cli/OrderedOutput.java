package dev.isolates.cli;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Results of work running in parallel, handed on in the order the work was added by a thread of
 * its own, as soon as each is ready: the output streams in input order, a reply goes out while the
 * input waits for the next line (a program talking to {@code isolatectl spawn} line by line gets
 * each answer), and with at most {@code window} items in flight memory stays flat however long the
 * input is. Output is flushed whenever the emitter has nothing ready to hand on.
 *
 * <p>{@link #add} and {@link #finish} are called by one thread; the emitter runs on another, and
 * what it touched is visible to the caller once {@link #finish} returns.
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

    private static final Entry<?, ?> END = new Entry<>(null, null);

    private final BlockingQueue<Entry<K, V>> inFlight;
    private final Emitter<K, V> emitter;
    private final Runnable flush;
    private final Thread thread;
    private volatile Throwable failed;

    OrderedOutput(int window, Emitter<K, V> emitter, Runnable flush) {
        this.inFlight = new ArrayBlockingQueue<>(Math.max(1, window));
        this.emitter = emitter;
        this.flush = flush;
        this.thread = new Thread(this::emitAll, "isolatectl-output");
        thread.setDaemon(true);
        thread.start();
    }

    /** Adds an item; waits while {@code window} items are in flight. */
    void add(K key, CompletableFuture<V> future) throws InterruptedException {
        checkEmitter();
        inFlight.put(new Entry<>(key, future));
    }

    /** Hands on everything still in flight, and returns once it has. */
    @SuppressWarnings("unchecked")
    void finish() throws InterruptedException {
        checkEmitter();
        inFlight.put((Entry<K, V>) END);
        thread.join();
        checkEmitter();
    }

    private void checkEmitter() {
        Throwable t = failed;
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    private void emitAll() {
        try {
            while (true) {
                Entry<K, V> e = inFlight.poll();
                if (e == null) {
                    flush.run(); // nothing more to hand on now: let what was written go
                    e = inFlight.take();
                }
                if (e == END) {
                    flush.run();
                    return;
                }
                if (!e.future().isDone()) {
                    flush.run();
                }
                emit(e);
            }
        } catch (InterruptedException e) {
            failed = new IllegalStateException("the output thread was interrupted", e);
            inFlight.clear(); // a caller waiting in add() goes on, and sees the failure
        } catch (RuntimeException | Error e) {
            failed = e;
            inFlight.clear();
        } finally {
            flush.run();
        }
    }

    private void emit(Entry<K, V> e) throws InterruptedException {
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
