package dev.isolates.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.supervisor.WorkerSlot.EndCause;
import dev.isolates.supervisor.WorkerSlot.State;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerSlotTest {
    private long ids;

    private PoolTask<Object> task() {
        return Slots.task(++ids, false);
    }


    @Test
    void shouldTakeTasksOnlyOnceConnectedAndUntilRetiredOrEnded() {
        WorkerSlot w = new WorkerSlot("w");
        assertEquals(State.STARTING, w.state());
        assertFalse(w.takesTasks());
        w.connected(null);
        assertEquals(State.READY, w.state());
        assertTrue(w.takesTasks());
        w.retire("it ran 3 tasks");
        assertEquals(State.RETIRING, w.state());
        assertFalse(w.takesTasks());
        w.end();
        assertEquals(State.ENDING, w.state());
    }

    @Test
    void shouldStayEndingWhenItsJvmConnectsAfterThePoolEndedIt() {
        WorkerSlot w = new WorkerSlot("w");
        w.end();
        w.connected(null);
        assertEquals(State.ENDING, w.state());
        assertFalse(w.takesTasks());
    }

    @Test
    void shouldSayTheExitReasonWhenThePoolGaveNoCause() {
        WorkerSlot w = Slots.ready("w");
        w.end();
        assertNull(w.cause());
        assertFalse(w.planned());
        assertEquals("exit code 1", w.why("exit code 1"));
    }

    @Test
    void shouldCountRetiredAndCancelledEndsAsPlannedButNotTimeoutsOrHangs() {
        for (EndCause cause : EndCause.values()) {
            WorkerSlot w = Slots.ready("w");
            w.end(cause, "because");
            assertEquals(cause == EndCause.RETIRED || cause == EndCause.CANCELLED, w.planned(), cause.name());
            assertEquals("because", w.why("exit code 137"));
        }
    }

    @Test
    void shouldLetATimeoutOverrideARetirementButNotTheOtherWayRound() {
        WorkerSlot w = Slots.ready("w");
        w.retire("its queue could not take a task");
        w.end(EndCause.TIMED_OUT, "its task timed out");
        assertEquals(EndCause.TIMED_OUT, w.cause());
        assertEquals("its task timed out", w.why(null));
        w.end(EndCause.CANCELLED, "its task was cancelled");
        assertEquals(EndCause.TIMED_OUT, w.cause());
        w.retire("later");
        assertEquals("its task timed out", w.why(null));
    }

    @Test
    void shouldKeepTheFirstReasonOfTwoRetirements() {
        WorkerSlot w = Slots.ready("w");
        w.retire("first");
        w.retire("second");
        assertEquals("first", w.why(null));
    }

    @Test
    void shouldRunTheFirstTaskOfABatchWhenIdleAndQueueTheRest() {
        WorkerSlot w = Slots.ready("w");
        PoolTask<Object> a = task();
        PoolTask<Object> b = task();
        PoolTask<Object> c = task();
        w.hold(List.of(a, b));
        w.hold(List.of(c));
        assertSame(a, w.task());
        assertEquals(List.of(b, c), List.copyOf(w.ahead));
        assertEquals(1, a.attempts);
        assertSame(b, w.next());
        assertSame(c, w.next());
        assertNull(w.next());
    }

    @Test
    void shouldKeepItsQueuedTasksWhenEndingForThePoolToQueueAgain() {
        WorkerSlot w = Slots.ready("w");
        PoolTask<Object> a = task();
        PoolTask<Object> b = task();
        w.hold(List.of(a, b));
        w.end();
        assertNull(w.next());
        assertEquals(List.of(b), List.copyOf(w.ahead));
    }

    @Test
    void shouldGiveBackABatchThatCouldNotGoAtTheHeadOfTheQueueInOrderWithoutCountingAnAttempt() {
        WorkerSlot w = Slots.ready("w");
        PoolTask<Object> queued = task();
        PoolTask<Object> a = task();
        PoolTask<Object> b = task();
        Deque<PoolTask<?>> queue = new ArrayDeque<>(List.of(queued));
        w.hold(List.of(a, b));
        w.giveBack(List.of(a, b), queue);
        assertEquals(List.of(a, b, queued), List.copyOf(queue));
        assertNull(w.task());
        assertTrue(w.ahead.isEmpty());
        assertEquals(0, a.attempts);
        assertEquals(Integer.MAX_VALUE, w.tasksLeft(0));
    }

    @Test
    void shouldBeSpentOnceItRanTheMaximum() {
        WorkerSlot w = Slots.ready("w");
        assertNull(w.spent(0));
        w.hold(List.of(task(), task()));
        assertEquals(1, w.tasksLeft(3));
        assertNull(w.spent(3));
        w.hold(List.of(task()));
        assertEquals("it ran 3 tasks", w.spent(3));
        assertEquals(1, w.tasksLeft(3), "at least one, for the task it is given when spent");
    }
}
