package dev.isolates.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PendingPingsTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final PendingPings pings = new PendingPings(now::get);
    private final List<Long> sent = new ArrayList<>();

    @Test
    void shouldCompleteAPingWithItsRoundTripWhenItsPongComes() throws Exception {
        CompletableFuture<Duration> reply = pings.send(sent::add);
        now.addAndGet(2_500);
        pings.answered(sent.get(0));
        assertEquals(Duration.ofNanos(2_500), reply.get(1, TimeUnit.SECONDS));
    }

    @Test
    void shouldGiveEachPingItsOwnId() {
        pings.send(sent::add);
        pings.send(sent::add);
        assertEquals(2, sent.size());
        assertFalse(sent.get(0).equals(sent.get(1)), sent.toString());
    }

    @Test
    void shouldDropASecondPongForAPingAlreadyAnswered() throws Exception {
        CompletableFuture<Duration> reply = pings.send(sent::add);
        now.addAndGet(10);
        pings.answered(sent.get(0));
        now.addAndGet(1_000);
        pings.answered(sent.get(0)); // a paused isolate answers the ping word, then the queued PING again
        assertEquals(Duration.ofNanos(10), reply.get(1, TimeUnit.SECONDS));
        assertTrue(pings.isEmpty());
    }

    @Test
    void shouldIgnoreAPongNobodyWaitsFor() {
        CompletableFuture<Duration> reply = pings.send(sent::add);
        pings.answered(sent.get(0) + 100);
        assertFalse(reply.isDone());
    }

    @Test
    void shouldFailAPingThatCouldNotBeSentAndForgetIt() {
        IOException full = new IOException("queue full");
        CompletableFuture<Duration> reply = pings.send(id -> {
            throw full;
        });
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> reply.get(1, TimeUnit.SECONDS));
        assertSame(full, e.getCause());
        assertTrue(pings.isEmpty());
    }

    @Test
    void shouldFailEveryWaitingPingWithItsOwnExceptionWhenTheIsolateEnds() {
        CompletableFuture<Duration> a = pings.send(sent::add);
        CompletableFuture<Duration> b = pings.send(sent::add);
        pings.end(() -> new IllegalStateException("ended"));
        Throwable ea = a.handle((d, t) -> t).join();
        Throwable eb = b.handle((d, t) -> t).join();
        assertEquals("ended", ea.getMessage());
        assertNotSame(ea, eb);
        assertTrue(pings.isEmpty());
    }

    @Test
    void shouldFailAPingSentAfterTheIsolateEndedAtOnce() {
        pings.end(() -> new IllegalStateException("ended"));
        CompletableFuture<Duration> late = pings.send(sent::add);
        assertEquals("ended", late.handle((d, t) -> t).join().getMessage());
        assertTrue(pings.isEmpty());
    }

    @Test
    void shouldLeaveAnAnsweredPingAloneWhenTheRestFail() throws Exception {
        CompletableFuture<Duration> answered = pings.send(sent::add);
        pings.answered(sent.get(0));
        pings.end(() -> new IllegalStateException("ended"));
        assertEquals(Duration.ZERO, answered.get(1, TimeUnit.SECONDS));
    }
}
