package dev.isolates.supervisor;

import dev.isolates.PoolStats;
import java.util.List;

/**
 * The outcomes of a pool's tasks: each task is settled once, counted then, and its future completed
 * through the {@link FutureCompleter} once the pool's lock is released; and the counts
 * {@link dev.isolates.IsolatePool#stats()} reports.
 *
 * <p>Not thread-safe: guarded by its pool's lock.
 */
final class PoolOutcomes {
    private final FutureCompleter completer;
    private long done;
    private long failed;
    private long restarts;

    PoolOutcomes(FutureCompleter completer) {
        this.completer = completer;
    }

    /** {@code task} has its isolate's answer, unless it was settled already. */
    void settle(PoolTask<?> task, Answer answer) {
        if (!task.settled && !task.future.isDone()) {
            task.settled = true;
            if (answer instanceof Answer.Value) {
                done++;
            } else {
                failed++;
            }
            completer.later(task.future, answer);
        }
    }

    /** {@code task} fails with {@code e}, unless it was settled already. */
    void fail(PoolTask<?> task, Throwable e) {
        if (!task.settled && !task.future.isDone()) {
            task.settled = true;
            failed++;
            completer.laterFail(task.future, e);
        }
    }

    /** The caller cancelled {@code task}; false when it was settled already (the cancel lost the race). */
    boolean cancelled(PoolTask<?> task) {
        if (task.settled) {
            return false;
        }
        task.settled = true;
        failed++;
        return true;
    }

    /** An isolate was replaced. */
    void restarted() {
        restarts++;
    }

    /** The pool's figures, with {@code workers} and {@code queued} tasks not yet sent. */
    PoolStats stats(List<WorkerSlot> workers, int queued) {
        int alive = 0;
        int running = 0;
        int prefetched = 0;
        for (WorkerSlot w : workers) {
            prefetched += w.ahead.size();
            if (w.process() != null && w.process().isAlive()) {
                alive++;
            }
            if (w.task() != null) {
                running++;
            }
        }
        return new PoolStats(alive, queued + prefetched, running, done, failed, restarts);
    }
}
