package dev.isolates.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TaskTimeoutsTest {
    private final Object lock = new Object();
    private final List<Long> delays = new ArrayList<>();
    private final List<Runnable> due = new ArrayList<>();
    private final List<ScheduledTask> scheduled = new ArrayList<>();
    private final List<WorkerSlot> expired = new ArrayList<>();

    /** A scheduled run that happens when the test says. */
    private static final class ScheduledTask extends CompletableFuture<Object> implements ScheduledFuture<Object> {
        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed o) {
            return 0;
        }
    }

    private ScheduledFuture<?> once(long millis, Runnable task) {
        delays.add(millis);
        due.add(task);
        ScheduledTask s = new ScheduledTask();
        scheduled.add(s);
        return s;
    }

    private TaskTimeouts timeouts(Duration timeout) {
        return new TaskTimeouts(timeout, this::once, lock, expired::add);
    }

    private static WorkerSlot running(PoolTask<?> task) {
        WorkerSlot w = Slots.ready("w");
        w.hold(List.of(task));
        return w;
    }

    private static PoolTask<Object> task() {
        return Slots.task(1, false);
    }

    @Test
    void shouldTellThePoolWhenATaskStillRunsAtItsTimeout() {
        PoolTask<Object> task = task();
        WorkerSlot w = running(task);
        timeouts(Duration.ofMillis(250)).started(w, task);
        assertEquals(List.of(250L), delays);
        due.get(0).run();
        assertEquals(List.of(w), expired);
    }

    @Test
    void shouldNotTellThePoolOfATaskThatAnsweredOrWasSettled() {
        PoolTask<Object> answered = task();
        WorkerSlot w = running(answered);
        TaskTimeouts t = timeouts(Duration.ofSeconds(1));
        t.started(w, answered);
        w.next();
        due.get(0).run();
        PoolTask<Object> settled = task();
        WorkerSlot v = running(settled);
        t.started(v, settled);
        settled.settled = true;
        due.get(1).run();
        assertTrue(expired.isEmpty());
    }

    @Test
    void shouldCancelTheTimeoutOfATaskThatEnded() {
        PoolTask<Object> task = task();
        timeouts(Duration.ofSeconds(1)).started(running(task), task);
        TaskTimeouts.cancel(task);
        assertTrue(scheduled.get(0).isCancelled());
    }

    @Test
    void shouldScheduleNothingWithoutATimeoutOrForASettledTask() {
        PoolTask<Object> task = task();
        timeouts(null).started(running(task), task);
        assertNull(task.timeout);
        TaskTimeouts.cancel(task);
        PoolTask<Object> settled = task();
        settled.settled = true;
        timeouts(Duration.ofSeconds(1)).started(running(settled), settled);
        assertTrue(delays.isEmpty());
    }
}
