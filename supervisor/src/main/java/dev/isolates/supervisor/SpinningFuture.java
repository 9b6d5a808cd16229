package dev.isolates.supervisor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A future that a waiting thread watches briefly before it blocks. Answers from an isolate often
 * come within microseconds, and waking a blocked thread costs tens of them; the spin yields the
 * core, so on a busy machine the thread that completes the future can run.
 */
final class SpinningFuture<T> extends CompletableFuture<T> {
    static final long SPIN_NANOS = 50_000;

    private final Runnable onCancel;

    /** A future that runs {@code onCancel} once, on the cancelling thread, if it is cancelled. */
    SpinningFuture(Runnable onCancel) {
        this.onCancel = onCancel;
    }

    SpinningFuture() {
        this(() -> { });
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            onCancel.run();
        }
        return cancelled;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        spin(SPIN_NANOS);
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        long start = System.nanoTime();
        long nanos = unit.toNanos(timeout);
        spin(Math.min(SPIN_NANOS, nanos));
        return super.get(Math.max(0, nanos - (System.nanoTime() - start)), TimeUnit.NANOSECONDS);
    }

    @Override
    public T join() {
        spin(SPIN_NANOS);
        return super.join();
    }

    private void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        for (int i = 0; !isDone(); i++) {
            if ((i & 63) == 0 && System.nanoTime() - end > 0) {
                return;
            }
            if (i < 32) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }
}
