package dev.isolates.supervisor;

import dev.isolates.PoolStats;
import dev.isolates.events.PoolTaskEvent;
import dev.isolates.events.TaskThreshold;
import java.util.List;
import jdk.jfr.EventType;

/**
 * The outcomes of a pool's tasks: each task is settled once, counted then, and its future completed
 * through the {@link FutureCompleter} once the pool's lock is released; and the counts
 * {@link dev.isolates.IsolatePool#stats()} reports. Each outcome is a {@link PoolTaskEvent} for
 * a JFR recording that wants it, committed with the completions, outside the lock.
 *
 * <p>Not thread-safe: guarded by its pool's lock.
 */
final class PoolOutcomes {
    private static final EventType TASK_EVENT = EventType.getEventType(PoolTaskEvent.class);
    private final FutureCompleter completer;
    private final String pool;
    private long done;
    private long failed;
    private long restarts;

    PoolOutcomes(FutureCompleter completer, String pool) {
        this.completer = completer;
        this.pool = pool;
    }

    /** {@code task} has its isolate's answer, unless it was settled already. */
    void settle(PoolTask<?> task, Answer answer) {
        if (!task.settled && !task.future.isDone()) {
            task.settled = true;
            if (answer instanceof Answer.Value) {
                done++;
                recorded(task, "done");
            } else {
                failed++;
                recorded(task, "failed");
            }
            completer.later(task.future, answer);
        }
    }

    /** {@code task} fails with {@code e}, unless it was settled already. */
    void fail(PoolTask<?> task, Throwable e) {
        if (!task.settled && !task.future.isDone()) {
            task.settled = true;
            failed++;
            recorded(task, "failed");
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
        recorded(task, "cancelled");
        return true;
    }

    private void recorded(PoolTask<?> task, String outcome) {
        if (!TASK_EVENT.isEnabled()) {
            return;
        }
        long now = System.nanoTime();
        long total = now - task.submitted;
        if (!TaskThreshold.mayRecord(total)) {
            return; // a quick task: no event made
        }
        PoolTaskEvent event = new PoolTaskEvent();
        event.totalTime = total;
        if (event.shouldCommit()) {
            event.pool = pool;
            event.task = task.id;
            event.attempts = task.attempts;
            event.outcome = outcome;
            event.queueWait = (task.sent ? task.firstSent : now) - task.submitted;
            event.runTime = task.sent ? now - task.lastSent : 0;
            completer.afterUnlock(event::commit);
        }
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
