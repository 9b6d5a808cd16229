package dev.isolates.supervisor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Completes the futures of tasks and computations: with the value of an {@link Answer}, or with the
 * exception an answer or a missing answer (a crash, a timeout) stands for.
 *
 * <p>{@link #complete} completes at once. A pool decides outcomes under its lock but must not run
 * its callers' callbacks there, so it settles with {@link #later} and calls {@link #completeSettled}
 * once the lock is released; those completions are kept per thread, so this is safe from any thread.
 */
final class FutureCompleter {
    private final Executor elsewhere;
    private final ThreadLocal<Deque<Runnable>> settled = ThreadLocal.withInitial(ArrayDeque::new);

    /** {@code elsewhere} runs completions of futures that have dependents. */
    FutureCompleter(Executor elsewhere) {
        this.elsewhere = elsewhere;
    }

    /** Completes {@code future} as {@code answer} says now; false if it was complete already. */
    @SuppressWarnings("unchecked")
    static <T> boolean complete(CompletableFuture<T> future, Answer answer) {
        if (answer instanceof Answer.Value value) {
            return future.complete((T) value.value());
        }
        return future.completeExceptionally(exception(answer));
    }

    /** The exception {@code answer} stands for, or null for a value. */
    static Throwable exception(Answer answer) {
        if (answer instanceof Answer.Failed failed) {
            return failed.exception();
        }
        if (answer instanceof Answer.Unsendable unsendable) {
            return unsendable.exception();
        }
        if (answer instanceof Answer.Unreadable unreadable) {
            return unreadable.exception();
        }
        return null;
    }

    /** Completes {@code future} as {@code answer} says once this thread calls {@link #completeSettled}. */
    <T> void later(CompletableFuture<T> future, Answer answer) {
        defer(future, () -> complete(future, answer));
    }

    /** Fails {@code future} with {@code e} once this thread calls {@link #completeSettled}. */
    void laterFail(CompletableFuture<?> future, Throwable e) {
        defer(future, () -> future.completeExceptionally(e));
    }

    /** Runs {@code work} once this thread calls {@link #completeSettled}, in order with the completions. */
    void afterUnlock(Runnable work) {
        settled.get().addLast(work);
    }

    private void defer(CompletableFuture<?> future, Runnable completion) {
        settled.get().addLast(() -> {
            // A future with dependents completes on another thread: a callback that waits for a task
            // this very reader thread must answer would wait for ever. Without any (a caller
            // spinning in get()), it completes here, at once.
            if (future.getNumberOfDependents() == 0) {
                completion.run();
            } else {
                elsewhere.execute(completion);
            }
        });
    }

    /** Runs the completions this thread settled, in order. */
    void completeSettled() {
        Deque<Runnable> pending = settled.get();
        Runnable r;
        while ((r = pending.pollFirst()) != null) {
            r.run();
        }
    }
}
