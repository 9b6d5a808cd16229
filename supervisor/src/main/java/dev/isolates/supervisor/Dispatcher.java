package dev.isolates.supervisor;

import dev.isolates.protocol.RunBatch;
import java.util.Deque;
import java.util.List;

/**
 * Which queued task goes to which isolate of a pool. Idle isolates get the head of the queue first
 * (bulk tasks as a batch, each isolate its share); then busy ones get more ahead of need: the next
 * batch of bulk tasks, or, with prefetch, one next task.
 *
 * <p>Not thread-safe: called under its pool's lock.
 */
final class Dispatcher {
    /** Sends tasks a slot has just taken ({@link WorkerSlot#hold}); on failure gives them back or fails them. */
    interface Sender {
        /** {@code startsNow}: the first of {@code batch} runs now, the slot having been idle. */
        void send(WorkerSlot slot, List<PoolTask<?>> batch, boolean startsNow);
    }

    private final boolean prefetch;
    private final int maxTasksPerIsolate;
    private final Sender sender;

    Dispatcher(boolean prefetch, int maxTasksPerIsolate, Sender sender) {
        this.prefetch = prefetch;
        this.maxTasksPerIsolate = maxTasksPerIsolate;
        this.sender = sender;
    }

    /** Gives queued tasks to idle slots, then ahead of need to busy ones. */
    void dispatch(Deque<PoolTask<?>> queue, List<WorkerSlot> slots) {
        int takers = takers(slots);
        boolean assigned = true;
        while (assigned) { // again, while some went: a task that fails to go leaves its isolate idle
            assigned = false;
            for (WorkerSlot w : slots) {
                if (queue.isEmpty()) {
                    return;
                }
                if (w.takesTasks() && w.task() == null) {
                    give(w, queue.peekFirst().bulk ? batch(w, queue, takers) : List.of(queue.pollFirst()));
                    assigned = true;
                }
            }
        }
        for (WorkerSlot w : slots) {
            if (queue.isEmpty()) {
                return;
            }
            if (!w.takesTasks() || w.task() == null || w.exhausted(maxTasksPerIsolate)) {
                continue;
            }
            if (queue.peekFirst().bulk && BatchSize.wantsMore(w.ahead.size())) {
                // bulk tasks were submitted to keep isolates busy: a busy one holds the next batch
                give(w, batch(w, queue, takers));
            } else if (prefetch && w.ahead.isEmpty()) {
                give(w, List.of(queue.pollFirst()));
            }
        }
    }

    private void give(WorkerSlot w, List<PoolTask<?>> batch) {
        boolean startsNow = w.task() == null;
        w.hold(batch);
        sender.send(w, batch, startsNow);
    }

    private List<PoolTask<?>> batch(WorkerSlot w, Deque<PoolTask<?>> queue, int takers) {
        return BatchSize.take(queue, takers, w.tasksLeft(maxTasksPerIsolate), t -> t.bulk,
                t -> RunBatch.elementLength(t.encoded));
    }

    private static int takers(List<WorkerSlot> slots) {
        int n = 0;
        for (WorkerSlot w : slots) {
            if (w.takesTasks()) {
                n++;
            }
        }
        return Math.max(1, n);
    }
}
