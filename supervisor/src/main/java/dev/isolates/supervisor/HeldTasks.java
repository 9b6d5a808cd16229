package dev.isolates.supervisor;

import dev.isolates.IsolateException;
import dev.isolates.IsolateExit;
import dev.isolates.IsolateTimeoutException;
import java.time.Duration;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of the tasks a pool's isolate held when it ends. Those waiting in its queue never
 * started: they go back to the head of the pool's queue, in order, not counted as attempts. The one
 * it ran fails with its timeout, is retried while it has retries left, or fails with the crash.
 * When the pool has failed, all fail with that.
 *
 * <p>Not thread-safe: called under its pool's lock.
 */
final class HeldTasks {
    private static final Logger LOG = LoggerFactory.getLogger(HeldTasks.class);

    private final String pool;
    private final Deque<PoolTask<?>> queue;
    private final PoolOutcomes outcomes;
    private final int retries;
    private final Duration taskTimeout;

    HeldTasks(String pool, Deque<PoolTask<?>> queue, PoolOutcomes outcomes, int retries, Duration taskTimeout) {
        this.pool = pool;
        this.queue = queue;
        this.outcomes = outcomes;
        this.retries = retries;
        this.taskTimeout = taskTimeout;
    }

    /** {@code w}'s isolate {@code p} ended as {@code exit} says; {@code failure}: the pool's, or null. */
    void ended(WorkerSlot w, IsolateProcess p, IsolateExit exit, IsolateException failure) {
        PoolTask<?> task = w.takeTask();
        while (!w.ahead.isEmpty()) {
            PoolTask<?> ahead = w.ahead.pollLast(); // from the last, so that they keep their order at the head
            if (ahead.settled) {
                continue;
            }
            if (failure != null) {
                outcomes.fail(ahead, failure);
            } else {
                ahead.attempts--; // it never started: back to the head of the queue, behind a retry
                queue.addFirst(ahead);
            }
        }
        if (task == null || task.settled) {
            return;
        }
        TaskTimeouts.cancel(task);
        if (w.cause() == WorkerSlot.EndCause.TIMED_OUT) {
            outcomes.fail(task, new IsolateTimeoutException(p.debugName(), p.pid(), taskTimeout));
        } else if (failure != null) {
            outcomes.fail(task, failure);
        } else if (task.attempts <= retries) {
            LOG.info("pool {}: retrying task {} after isolate {} died: {}", pool, task.id, p.debugName(), exit.reason());
            queue.addFirst(task);
        } else {
            outcomes.fail(task, Failures.crashed(p, exit));
        }
    }

    /** The pool has failed with {@code failure}: every task {@code w} holds fails with it. */
    void failAll(WorkerSlot w, IsolateException failure) {
        if (w.task() != null) {
            outcomes.fail(w.task(), failure);
        }
        for (PoolTask<?> ahead : w.ahead) {
            outcomes.fail(ahead, failure);
        }
    }
}
