package dev.isolates.supervisor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * One isolate of a pool, from its start to its end: its {@link State}, the task it runs, the tasks
 * waiting in its queue behind that one, and, once the pool decided to end it, why ({@link EndCause}).
 *
 * <p>Not thread-safe: guarded by its pool's lock.
 */
final class WorkerSlot {
    /** Where the isolate is in its life, as the pool sees it. */
    enum State {
        /** Its JVM is starting. */
        STARTING,
        /** It takes tasks. */
        READY,
        /** It runs what it holds, then is asked to end; it takes no new task. */
        RETIRING,
        /** It is being ended (killed, or asked to end); it takes no task. */
        ENDING
    }

    /**
     * Why the pool ended an isolate, when it did, in order of precedence: a cause replaces one
     * after it in this order. A planned end is the pool's or the caller's doing, not a failure of
     * the isolate: it is replaced whatever the restart policy, and not counted towards maxRestarts.
     */
    enum EndCause {
        HUNG(false),
        TIMED_OUT(false),
        RETIRED(true),
        CANCELLED(true);

        final boolean planned;

        EndCause(boolean planned) {
            this.planned = planned;
        }
    }

    final String name;
    /** The tasks waiting in its queue behind {@link #task()}, in order: one with prefetch, batches in bulk. */
    final Deque<PoolTask<?>> ahead = new ArrayDeque<>();
    /** When the health check's last unanswered ping was sent (System.nanoTime), or 0. */
    long pingSent;
    private IsolateProcess process;
    private State state = State.STARTING;
    private EndCause cause;
    private String why;
    private PoolTask<?> task;
    private int tasksRun;

    WorkerSlot(String name) {
        this.name = name;
    }

    /** Its JVM has started: it takes tasks from now, unless the pool already decided to end it. */
    void connected(IsolateProcess p) {
        process = p;
        if (state == State.STARTING) {
            state = State.READY;
        }
    }

    /** Its isolate, or null while it starts. */
    IsolateProcess process() {
        return process;
    }

    State state() {
        return state;
    }

    boolean takesTasks() {
        return state == State.READY;
    }

    /** The task it runs, or null. */
    PoolTask<?> task() {
        return task;
    }

    /** It takes no new task, for {@code reason}; it runs what it holds. */
    void retire(String reason) {
        if (state == State.STARTING || state == State.READY) {
            state = State.RETIRING;
        }
        because(EndCause.RETIRED, reason);
    }

    /** It is being ended for no reason of its own (a broken channel, the pool closing or failing). */
    void end() {
        state = State.ENDING;
    }

    /** It is being ended for {@code cause}, which {@code why} says in words. */
    void end(EndCause cause, String why) {
        state = State.ENDING;
        because(cause, why);
    }

    /** Kills its isolate for {@code cause}, which {@code why} says in words. */
    void kill(EndCause cause, String why) {
        end(cause, why);
        process.kill();
    }

    private void because(EndCause c, String words) {
        if (cause == null || c.ordinal() < cause.ordinal()) {
            cause = c;
            why = words;
        }
    }

    /** Why the pool ended it, or null if it did not. */
    EndCause cause() {
        return cause;
    }

    /** Whether its end is the pool's or the caller's doing. */
    boolean planned() {
        return cause != null && cause.planned;
    }

    /** Why it ended, in words: the pool's cause, or else {@code exitReason}. */
    String why(String exitReason) {
        return cause != null ? why : exitReason;
    }

    /** Why it takes no task after the ones it holds: it ran {@code max} (0: no limit); or null. */
    String spent(int max) {
        return exhausted(max) ? "it ran " + max + " tasks" : null;
    }

    /** True when it ran {@code max} tasks (0: no limit) and takes no more. */
    boolean exhausted(int max) {
        return max > 0 && tasksRun >= max;
    }

    /** How many more tasks it may take before it retires, given the pool's maximum (0: unlimited). */
    int tasksLeft(int max) {
        return max > 0 ? Math.max(1, max - tasksRun) : Integer.MAX_VALUE;
    }

    /** Takes {@code batch}: when idle the first runs now, the rest wait in its queue; each counts an attempt. */
    void hold(List<? extends PoolTask<?>> batch) {
        long now = System.nanoTime();
        for (PoolTask<?> t : batch) {
            if (!t.sent) {
                t.sent = true;
                t.firstSent = now;
            }
            t.lastSent = now;
            if (task == null) {
                task = t;
            } else {
                ahead.addLast(t);
            }
            t.attempts++;
        }
        tasksRun += batch.size();
    }

    /** Gives back {@code batch}, which could not be sent: it never went, so counts as no attempt. */
    void giveBack(List<? extends PoolTask<?>> batch, Deque<PoolTask<?>> queue) {
        for (int i = batch.size() - 1; i >= 0; i--) {
            PoolTask<?> t = batch.get(i);
            unassign(t);
            t.attempts--;
            queue.addFirst(t);
        }
        tasksRun -= batch.size();
    }

    /** It no longer holds {@code t}. */
    void unassign(PoolTask<?> t) {
        if (task == t) {
            task = null;
        } else {
            ahead.remove(t);
        }
    }

    /**
     * Its task answered: the next one it holds starts, unless it is being ended (then what it holds
     * stays in {@link #ahead} for the pool to queue again). Returns the task that started, or null.
     */
    PoolTask<?> next() {
        task = null;
        if (state != State.ENDING && !ahead.isEmpty()) {
            task = ahead.pollFirst();
        }
        return task;
    }

    /** It has ended: takes its task away, or null. */
    PoolTask<?> takeTask() {
        PoolTask<?> t = task;
        task = null;
        return t;
    }
}
