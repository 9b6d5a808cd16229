package dev.isolates.supervisor;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * The timeouts of a pool's running tasks: each runs from the task's start in its isolate; when it
 * expires while the task still runs, unanswered, the pool is told which slot it was.
 *
 * <p>Thread-safe as far as its pool's lock, which it takes when a timeout expires.
 */
final class TaskTimeouts {
    /** Runs a task once after a delay. */
    interface Scheduler {
        ScheduledFuture<?> once(long millis, Runnable task);
    }

    private final Duration timeout;
    private final Scheduler scheduler;
    private final Object lock;
    private final Consumer<WorkerSlot> expired;

    /** {@code timeout} null: tasks run as long as they take. {@code expired} is called under {@code lock}. */
    TaskTimeouts(Duration timeout, Scheduler scheduler, Object lock, Consumer<WorkerSlot> expired) {
        this.timeout = timeout;
        this.scheduler = scheduler;
        this.lock = lock;
        this.expired = expired;
    }

    /** {@code task} has started in {@code slot}'s isolate: its timeout runs from now. Under the lock. */
    void started(WorkerSlot slot, PoolTask<?> task) {
        if (timeout == null || task.settled) {
            return;
        }
        task.timeout = scheduler.once(timeout.toMillis(), () -> {
            synchronized (lock) {
                if (slot.task() == task && !task.settled) {
                    expired.accept(slot);
                }
            }
        });
    }

    /** {@code task} has ended one way or another: its timeout is off. Under the lock. */
    static void cancel(PoolTask<?> task) {
        if (task.timeout != null) {
            task.timeout.cancel(false);
        }
    }
}
