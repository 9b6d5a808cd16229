package dev.isolates.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class DispatcherTest {
    private final List<String> sent = new ArrayList<>();
    private final Deque<PoolTask<?>> queue = new ArrayDeque<>();
    private long ids;

    private void record(WorkerSlot w, List<PoolTask<?>> batch, boolean startsNow) {
        sent.add(w.name + (startsNow ? " runs " : " holds ") + batch.stream().map(t -> t.id).toList());
    }

    private Dispatcher dispatcher(boolean prefetch, int maxTasksPerIsolate) {
        return new Dispatcher(prefetch, maxTasksPerIsolate, this::record);
    }

    private void queue(int count, boolean bulk) {
        for (int i = 0; i < count; i++) {
            queue.addLast(Slots.task(++ids, bulk));
        }
    }


    @Test
    void shouldGiveEachIdleIsolateOneTaskAndKeepTheRestWithoutPrefetch() {
        WorkerSlot a = Slots.ready("a");
        WorkerSlot b = Slots.ready("b");
        queue(3, false);
        dispatcher(false, 0).dispatch(queue, List.of(a, b));
        assertEquals(List.of("a runs [1]", "b runs [2]"), sent);
        assertEquals(1, queue.size());
        dispatcher(false, 0).dispatch(queue, List.of(a, b));
        assertEquals(2, sent.size(), "busy isolates take nothing more");
    }

    @Test
    void shouldGiveBusyIsolatesOneNextTaskEachWithPrefetch() {
        WorkerSlot a = Slots.ready("a");
        WorkerSlot b = Slots.ready("b");
        queue(5, false);
        Dispatcher d = dispatcher(true, 0);
        d.dispatch(queue, List.of(a, b));
        assertEquals(List.of("a runs [1]", "b runs [2]", "a holds [3]", "b holds [4]"), sent);
        d.dispatch(queue, List.of(a, b));
        assertEquals(4, sent.size(), "one held task each at most");
        assertEquals(1, queue.size());
    }

    @Test
    void shouldSkipIsolatesThatAreStartingOrRetiring() {
        WorkerSlot starting = new WorkerSlot("s");
        WorkerSlot retiring = Slots.ready("r");
        retiring.retire("it ran 1 tasks");
        WorkerSlot ready = Slots.ready("a");
        queue(2, false);
        dispatcher(true, 0).dispatch(queue, List.of(starting, retiring, ready));
        assertEquals(List.of("a runs [1]", "a holds [2]"), sent);
    }

    @Test
    void shouldPrefetchNothingForAnIsolateThatRanItsMaximum() {
        WorkerSlot a = Slots.ready("a");
        queue(2, false);
        dispatcher(true, 1).dispatch(queue, List.of(a));
        assertEquals(List.of("a runs [1]"), sent);
    }

    @Test
    void shouldShareBulkTasksAmongIdleIsolatesInBatches() {
        WorkerSlot a = Slots.ready("a");
        WorkerSlot b = Slots.ready("b");
        queue(6, true);
        dispatcher(false, 0).dispatch(queue, List.of(a, b));
        // each takes its share of what is queued: half of 6, then half of the 3 left; the last goes ahead
        assertEquals(List.of("a runs [1, 2, 3]", "b runs [4, 5]", "a holds [6]"), sent);
        assertSame(null, queue.peekFirst());
        assertEquals(3, a.ahead.size());
    }

    @Test
    void shouldSendBusyIsolatesTheNextBulkBatchAheadOfNeedEvenWithoutPrefetch() {
        WorkerSlot a = Slots.ready("a");
        queue(1, false);
        Dispatcher d = dispatcher(false, 0);
        d.dispatch(queue, List.of(a));
        queue(2, true);
        d.dispatch(queue, List.of(a));
        assertEquals(List.of("a runs [1]", "a holds [2, 3]"), sent);
        assertTrue(queue.isEmpty());
    }

    @Test
    void shouldTryAgainWhenASendLeftItsIsolateIdle() {
        WorkerSlot a = Slots.ready("a");
        queue(2, false);
        Deque<PoolTask<?>> q = queue;
        new Dispatcher(false, 0, (w, batch, startsNow) -> {
            record(w, batch, startsNow);
            if (batch.get(0).id == 1) {
                w.unassign(batch.get(0)); // as a task that found no room: failed, and the isolate idle again
            }
        }).dispatch(q, List.of(a));
        assertEquals(List.of("a runs [1]", "a runs [2]"), sent);
        assertNull(q.peekFirst());
    }
}
