package dev.isolates.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OrderedOutputTest {
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(30);

    @Test
    void shouldHandOnResultsInTheOrderTheyWereAddedWhateverOrderTheyComplete() throws Exception {
        List<String> emitted = new CopyOnWriteArrayList<>();
        OrderedOutput<Integer, String> output = new OrderedOutput<>(8,
                (key, value, failure) -> emitted.add(key + "=" + (failure != null ? "failed: " + failure.getMessage() : value)),
                () -> { });
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CompletableFuture<String> f = new CompletableFuture<>();
            futures.add(f);
            output.add(i, f);
        }
        futures.get(4).complete("e");
        futures.get(2).completeExceptionally(new IllegalStateException("no"));
        futures.get(1).complete("b");
        futures.get(0).complete("a");
        futures.get(3).complete("d");
        output.finish();

        assertEquals(List.of("0=a", "1=b", "2=failed: no", "3=d", "4=e"), emitted);
    }

    @Test
    void shouldHandOnAReadyResultAndFlushWithoutWaitingForMoreInput() throws Exception {
        List<String> emitted = new CopyOnWriteArrayList<>();
        AtomicInteger flushes = new AtomicInteger();
        OrderedOutput<Integer, String> output = new OrderedOutput<>(8, (key, value, failure) -> emitted.add(value),
                flushes::incrementAndGet);

        output.add(1, CompletableFuture.completedFuture("first"));

        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while ((emitted.isEmpty() || flushes.get() == 0) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(List.of("first"), emitted, "handed on while no more input came");
        assertTrue(flushes.get() > 0, "and flushed");
        output.finish();
    }
}
