package dev.isolates.worker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A future completed by a message a worker's event loop has yet to read. Waiting on it from the
 * event loop thread itself keeps reading the channel meanwhile, so {@code spawn(...).get()} in a
 * spawned isolate does not wait for ever on its own loop.
 */
final class PumpingFuture<T> extends CompletableFuture<T> {
    private final WorkerRuntime runtime;

    PumpingFuture(WorkerRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new PumpingFuture<>(runtime);
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        runtime.pumpUntil(this, Long.MAX_VALUE);
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        runtime.pumpUntil(this, deadline);
        return super.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    @Override
    public T join() {
        try {
            runtime.pumpUntil(this, Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return super.join();
    }
}
