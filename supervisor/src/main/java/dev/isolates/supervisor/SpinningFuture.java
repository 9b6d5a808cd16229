package dev.isolates.supervisor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A future that a waiting thread watches briefly before it blocks. Answers from an isolate often
 * come within microseconds, and waking a blocked thread costs tens of them; the spin yields the
 * core, so on a busy machine the thread that completes the future can run.
 */
final class SpinningFuture<T> extends CompletableFuture<T> {
    static final long SPIN_NANOS = 50_000;

    /** Threads blocked in get or join: CompletableFuture counts each as a dependent, but none runs code. */
    private final AtomicInteger waiters = new AtomicInteger();

    /**
     * Whether completing this future would run callbacks (stages, whenComplete...) rather than only
     * wake threads blocked in get or join. A moment's answer: a callback may be added right after.
     */
    boolean hasCallbacks() {
        return getNumberOfDependents() > waiters.get();
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        spin(SPIN_NANOS);
        waiters.incrementAndGet();
        try {
            return super.get();
        } finally {
            waiters.decrementAndGet();
        }
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        long start = System.nanoTime();
        long nanos = unit.toNanos(timeout);
        spin(Math.min(SPIN_NANOS, nanos));
        waiters.incrementAndGet();
        try {
            return super.get(Math.max(0, nanos - (System.nanoTime() - start)), TimeUnit.NANOSECONDS);
        } finally {
            waiters.decrementAndGet();
        }
    }

    @Override
    public T join() {
        spin(SPIN_NANOS);
        waiters.incrementAndGet();
        try {
            return super.join();
        } finally {
            waiters.decrementAndGet();
        }
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
