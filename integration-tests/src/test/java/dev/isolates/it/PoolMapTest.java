package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateCrashedException;
import dev.isolates.IsolatePool;
import dev.isolates.MapElementException;
import dev.isolates.PoolStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** map: inputs go in chunks, results come back in input order, and one failing input fails the map. */
@ExtendWith(NoChildProcessLeftBehind.class)
class PoolMapTest {

    private static List<Integer> upTo(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    @Test
    void shouldReturnResultsInInputOrderForEveryChunkSize() throws Exception {
        try (IsolatePool pool = IsolatePool.builder().size(2).build()) {
            List<Integer> inputs = upTo(1_000);
            List<Integer> expected = inputs.stream().map(i -> i * i).collect(Collectors.toList());
            for (int chunk : new int[] {1, 7, 256, 1_000, 5_000}) {
                assertEquals(expected, pool.map(i -> i * i, inputs, chunk).get(30, SECONDS), "chunk " + chunk);
            }
            PoolStats stats = pool.stats();
            assertEquals(1_000 + 143 + 4 + 1 + 1, stats.done(), "one task per chunk: " + stats);
        }
    }

    @Test
    void shouldFailTheMapWithTheFirstFailingInputsExceptionAndIndex() throws Exception {
        try (IsolatePool pool = IsolatePool.builder().size(2).build()) {
            CompletableFuture<List<Integer>> map = pool.map(i -> {
                if (i == 300 || i == 700) {
                    throw new IllegalArgumentException("bad input " + i);
                }
                return i;
            }, upTo(1_000), 64);
            ExecutionException e = assertThrows(ExecutionException.class, () -> map.get(30, SECONDS));
            MapElementException m = assertInstanceOf(MapElementException.class, e.getCause());
            assertEquals(300, m.index());
            assertEquals(1_000, m.inputs());
            IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, m.getCause());
            assertEquals("bad input 300", cause.getMessage());
            assertTrue(m.getMessage().contains("input 300"), m.getMessage());
        }
    }

    @Test
    void shouldFailTheMapWithTheCrashOfAnIsolateThatRanAChunk() throws Exception {
        assumeFalse(InProcessMode.on(), "System.exit in an in-process isolate ends this JVM");
        try (IsolatePool pool = IsolatePool.builder().size(1).build()) {
            CompletableFuture<List<Integer>> map = pool.map(i -> {
                if (i == 5) {
                    System.exit(3);
                }
                return i;
            }, upTo(20), 4);
            ExecutionException e = assertThrows(ExecutionException.class, () -> map.get(30, SECONDS));
            assertInstanceOf(IsolateCrashedException.class, e.getCause());
            assertEquals(List.of(1, 2), pool.map(i -> i + 1, List.of(0, 1), 1).get(30, SECONDS), "the pool goes on");
            assertEquals(1, pool.stats().restarts());
        }
    }

    @Test
    void shouldCancelItsChunksWhenCancelled() throws Exception {
        try (IsolatePool pool = IsolatePool.builder().size(1).build()) {
            CompletableFuture<Integer> busy = pool.submit(() -> {
                Thread.sleep(1_000);
                return 0;
            });
            CompletableFuture<List<Integer>> map = pool.map(i -> i, upTo(100), 10);
            assertTrue(map.cancel(true));
            assertThrows(CancellationException.class, () -> map.get(30, SECONDS));
            assertEquals(0, busy.get(30, SECONDS));
            assertEquals(List.of(0), pool.map(i -> i, List.of(0), 1).get(30, SECONDS));
        }
    }

    @Test
    void shouldAnswerAnEmptyInputListWithAnEmptyResult() throws Exception {
        try (IsolatePool pool = IsolatePool.builder().size(1).prestart(false).build()) {
            assertEquals(List.of(), pool.map(i -> i, new ArrayList<Integer>(), 16).get(30, SECONDS));
            assertEquals(0, pool.stats().alive());
        }
    }

    @Test
    void shouldRefuseAChunkSizeBelowOne() {
        try (IsolatePool pool = IsolatePool.builder().size(1).prestart(false).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pool.map(i -> i, upTo(3), 0));
            assertEquals("chunkSize must be at least 1, was 0", e.getMessage());
        }
    }
}
