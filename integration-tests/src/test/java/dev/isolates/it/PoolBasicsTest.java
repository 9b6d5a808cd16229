package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.isolates.IsolateCrashedException;
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

/** Many tasks on few warm isolates; a crash fails only its own task. */
@ExtendWith(NoChildProcessLeftBehind.class)
class PoolBasicsTest {

    @Test
    void shouldRunManyTasksOnTwoWarmIsolates() throws Exception {
        try (IsolatePool pool = IsolatePool.create(2)) {
            List<CompletableFuture<long[]>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                results.add(pool.submit(() -> new long[] {n * 2L, ProcessHandle.current().pid()}));
            }
            Set<Long> pids = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                long[] r = results.get(i).get(60, SECONDS);
                assertEquals(i * 2L, r[0]);
                pids.add(r[1]);
            }
            assertTrue(pids.size() <= 2, "two isolates ran them all: " + pids);
            PoolStats stats = pool.stats();
            assertEquals(200, stats.done());
            assertEquals(0, stats.failed());
            assertEquals(0, stats.restarts());
        }
    }

    @Test
    void shouldFailOnlyTheCrashingTaskAndReplaceItsIsolate() throws Exception {
        assumeFalse(InProcessMode.on(), "System.exit in an in-process isolate ends this JVM");
        try (IsolatePool pool = IsolatePool.create(2)) {
            CompletableFuture<Integer> before = pool.submit(() -> 1);
            CompletableFuture<Integer> crash = pool.submit(() -> {
                System.exit(3);
                return 0;
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> crash.get(60, SECONDS));
            IsolateCrashedException c = assertInstanceOf(IsolateCrashedException.class, e.getCause());
            assertEquals("System.exit", c.reason());
            assertEquals(3, c.exitCode());
            assertEquals(1, before.get(60, SECONDS));
            List<CompletableFuture<Integer>> after = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                after.add(pool.submit(() -> n));
            }
            for (int i = 0; i < 20; i++) {
                assertEquals(i, after.get(i).get(60, SECONDS));
            }
            assertEquals(1, pool.stats().restarts());
            assertEquals(1, pool.stats().failed());
        }
    }
}
