package dev.isolates.supervisor;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * A future that a waiting thread watches briefly before it blocks. Answers from an isolate often
 * come within microseconds, and waking a blocked thread costs tens of them; the spin yields the
 * core, so on a busy machine the thread that completes the future can run.
 *
 * <p>A thread that then blocks in {@code get} or {@code join} waits here, not as one of
 * CompletableFuture's dependents: {@link #getNumberOfDependents()} counts only callbacks and stages,
 * so whoever completes the future can tell "only threads wait" (complete it here, wake them) from
 * "code will run" (complete it elsewhere). Thread-safe.
 */
final class SpinningFuture<T> extends CompletableFuture<T> {
    static final long SPIN_NANOS = 50_000;

    private final Runnable onCancel;
    private final Queue<Thread> blocked = new ConcurrentLinkedQueue<>();

    /** A future that runs {@code onCancel} once, on the cancelling thread, if it is cancelled. */
    SpinningFuture(Runnable onCancel) {
        this.onCancel = onCancel;
    }

    SpinningFuture() {
        this(() -> { });
    }

    @Override
    public boolean complete(T value) {
        boolean completed = super.complete(value);
        wakeBlocked();
        return completed;
    }

    @Override
    public boolean completeExceptionally(Throwable failure) {
        boolean completed = super.completeExceptionally(failure);
        wakeBlocked();
        return completed;
    }

    @Override
    public void obtrudeValue(T value) {
        super.obtrudeValue(value);
        wakeBlocked();
    }

    @Override
    public void obtrudeException(Throwable failure) {
        super.obtrudeException(failure);
        wakeBlocked();
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        wakeBlocked();
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
        awaitDone(Long.MAX_VALUE);
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        long start = System.nanoTime();
        long nanos = unit.toNanos(timeout);
        spin(Math.min(SPIN_NANOS, nanos));
        if (!awaitDone(nanos - (System.nanoTime() - start))) {
            throw new TimeoutException("no answer within " + unit.toMillis(timeout) + " ms");
        }
        return super.get();
    }

    @Override
    public T join() {
        spin(SPIN_NANOS);
        boolean interrupted = false;
        while (!isDone()) {
            try {
                awaitDone(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                interrupted = true; // join is not interruptible, like CompletableFuture's
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return super.join();
    }

    /** Blocks until done or {@code nanos} pass; true if done. */
    private boolean awaitDone(long nanos) throws InterruptedException {
        if (isDone()) {
            return true;
        }
        Thread me = Thread.currentThread();
        blocked.add(me);
        try {
            boolean forever = nanos >= Long.MAX_VALUE / 4; // also keeps the deadline from overflowing
            long deadline = forever ? 0 : System.nanoTime() + nanos;
            // Added before looking: a completion after the look finds this thread in the queue and wakes it.
            while (!isDone()) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if (forever) {
                    LockSupport.park(this);
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    LockSupport.parkNanos(this, left);
                }
            }
            return true;
        } finally {
            blocked.remove(me);
        }
    }

    private void wakeBlocked() {
        for (Thread t : blocked) {
            LockSupport.unpark(t);
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
