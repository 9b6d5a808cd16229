package dev.isolates.supervisor;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * How many bulk-submitted tasks a pool hands an isolate in one message. Each message costs a queue
 * append, a wake-up and a read on both sides whatever it holds, so with many tiny tasks the count of
 * messages, not the tasks, bounds the rate; a batch cuts it. Batches are sized so that the tasks
 * queued are shared among the isolates (a short list is not all given to the first one), capped so
 * that a batch stays small next to a queue message's room, and sent again before the isolate runs out.
 *
 * <p>Stateless; safe from any thread (the queue it takes from is the caller's to guard).
 */
final class BatchSize {
    /** Tasks in one batch at most. */
    static final int MAX_TASKS = 64;
    /** Encoded bytes in one batch at most (a single larger task still goes alone). */
    static final int MAX_BYTES = 256 * 1024;

    private BatchSize() {
    }

    /** Whether an isolate with {@code waiting} tasks in its queue should be sent the next batch now. */
    static boolean wantsMore(int waiting) {
        return waiting < MAX_TASKS / 2;
    }

    /** How many tasks the next batch holds at most: its share of {@code queued} among {@code takers}. */
    static int limit(int queued, int takers, int tasksLeft) {
        int share = (int) Math.min(Integer.MAX_VALUE, ((long) queued + takers - 1) / Math.max(1, takers));
        return Math.max(1, Math.min(Math.min(MAX_TASKS, tasksLeft), share));
    }

    /**
     * Takes the next batch from the head of {@code queue}: at least its first task, then the bulk
     * tasks that follow it, up to {@link #limit} tasks and {@link #MAX_BYTES} bytes.
     */
    static <T> List<T> take(Deque<T> queue, int takers, int tasksLeft, Predicate<T> bulk, ToIntFunction<T> bytes) {
        int limit = limit(queue.size(), takers, tasksLeft);
        List<T> batch = new ArrayList<>(Math.min(limit, queue.size()));
        long size = 0;
        T next;
        while (batch.size() < limit && (next = queue.peekFirst()) != null) {
            int length = bytes.applyAsInt(next);
            if (!batch.isEmpty() && (!bulk.test(next) || size + length > MAX_BYTES)) {
                break;
            }
            batch.add(queue.pollFirst());
            size += length;
        }
        return batch;
    }
}
