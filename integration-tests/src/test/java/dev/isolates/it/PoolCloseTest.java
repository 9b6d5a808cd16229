package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateException;
import dev.isolates.IsolatePool;
import dev.isolates.PoolStats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code close()} runs what is queued to the end, then ends every isolate, and refuses new work. */
@ExtendWith(NoChildProcessLeftBehind.class)
class PoolCloseTest {

    @Test
    void shouldFinishQueuedTasksThenEndEveryIsolate() throws Exception {
        IsolatePool pool = IsolatePool.builder().size(2).build();
        List<CompletableFuture<long[]>> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            tasks.add(pool.submit(() -> {
                Thread.sleep(200);
                return new long[] {n, ProcessHandle.current().pid()};
            }));
        }

        pool.close();

        Set<Long> pids = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            CompletableFuture<long[]> task = tasks.get(i);
            assertTrue(task.isDone(), "close() returned before task " + i + " ended");
            long[] value = task.getNow(null);
            assertEquals(i, value[0]);
            pids.add(value[1]);
        }
        assertEquals(List.of(), Processes.runningDescendants(), "close() returned while isolates still run");
        for (long pid : pids) {
            assertFalse(Processes.isRunning(pid), "isolate pid " + pid + " outlived close()");
        }
        PoolStats stats = pool.stats();
        assertEquals(10, stats.done(), stats.toString());
        assertEquals(0, stats.alive(), stats.toString());
        assertEquals(0, stats.queued() + stats.running(), stats.toString());

        CompletableFuture<Integer> late = pool.submit(() -> 1);
        ExecutionException e = assertThrows(ExecutionException.class, () -> late.get(10, SECONDS));
        IsolateException refused = assertInstanceOf(IsolateException.class, e.getCause());
        assertTrue(refused.getMessage().contains("closed"), refused.getMessage());
    }
}
