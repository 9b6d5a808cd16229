package dev.isolates.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class HealthCheckTest {
    private static final long MS = 1_000_000L;
    private final Object lock = new Object();
    private final List<CompletableFuture<Object>> pings = new ArrayList<>();
    private final List<String> pinged = new ArrayList<>();
    private final List<WorkerSlot> hung = new ArrayList<>();
    private final HealthCheck check = new HealthCheck(Duration.ofMillis(100), w -> {
        pinged.add(w.name);
        CompletableFuture<Object> reply = new CompletableFuture<>();
        pings.add(reply);
        return reply;
    }, hung::add, lock);


    @Test
    void shouldPingOnlyIdleIsolatesThatTakeTasks() {
        WorkerSlot idle = Slots.ready("idle");
        WorkerSlot busy = Slots.ready("busy");
        busy.hold(List.of(Slots.task(1, false)));
        WorkerSlot retiring = Slots.ready("retiring");
        retiring.retire("it ran 1 tasks");
        check.check(List.of(idle, busy, retiring, new WorkerSlot("starting")), 1_000 * MS);
        assertEquals(List.of("idle"), pinged);
    }

    @Test
    void shouldCallAnIsolateHungWhenItsPingIsUnansweredPastTheTimeout() {
        WorkerSlot w = Slots.ready("w");
        check.check(List.of(w), 1_000 * MS);
        check.check(List.of(w), 1_050 * MS);
        assertTrue(hung.isEmpty(), "within the timeout it may still answer");
        assertEquals(1, pinged.size(), "no second ping while one is unanswered");
        check.check(List.of(w), 1_101 * MS);
        assertEquals(List.of(w), hung);
    }

    @Test
    void shouldPingAgainOnceAnswered() {
        WorkerSlot w = Slots.ready("w");
        check.check(List.of(w), 1_000 * MS);
        pings.get(0).complete(null);
        check.check(List.of(w), 2_000 * MS);
        assertEquals(2, pinged.size());
        assertTrue(hung.isEmpty());
    }

    @Test
    void shouldForgetAPingWhenItsIsolateTakesATask() {
        WorkerSlot w = Slots.ready("w");
        check.check(List.of(w), 1_000 * MS);
        w.hold(List.of(Slots.task(1, false)));
        check.check(List.of(w), 2_000 * MS);
        w.next();
        check.check(List.of(w), 3_000 * MS);
        assertTrue(hung.isEmpty(), "a task may keep it from answering: the ping before it does not count");
        assertEquals(2, pinged.size());
    }
}
