package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateCrashedException;
import dev.isolates.IsolatePool;
import dev.isolates.PoolStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A busy isolate holds its next task: it runs once, in order, and a crash before it does not lose it. */
@ExtendWith(NoChildProcessLeftBehind.class)
class PoolPrefetchTest {

    private static IsolatePool.Builder prefetching(int size) {
        return IsolatePool.builder().size(size).prefetch(true);
    }

    @Test
    void shouldHoldTheNextTaskInTheBusyIsolatesQueueAsQueued() throws Exception {
        try (IsolatePool pool = prefetching(1).build()) {
            assertEquals(0, pool.submit(() -> 0).get(30, SECONDS)); // its isolate is up
            CompletableFuture<Integer> busy = pool.submit(() -> {
                Thread.sleep(1_000);
                return 1;
            });
            CompletableFuture<Integer> next = pool.submit(() -> 2);
            CompletableFuture<Integer> third = pool.submit(() -> 3);

            PoolStats stats = pool.stats();
            assertEquals(1, stats.running());
            assertEquals(2, stats.queued(), "one prefetched, one in the pool's queue: " + stats);
            assertEquals(1, busy.get(30, SECONDS));
            assertEquals(2, next.get(30, SECONDS));
            assertEquals(3, third.get(30, SECONDS));
        }
    }

    @Test
    void shouldRunAPrefetchedTaskOnTheReplacementWhenItsIsolateDiesBeforeStartingIt() throws Exception {
        try (IsolatePool pool = prefetching(1).build()) {
            assertEquals(0, pool.submit(() -> 0).get(30, SECONDS)); // its isolate is up: the next two go to it
            CompletableFuture<Long> crash = pool.submit(() -> {
                Thread.sleep(500);
                System.exit(3);
                return 0L;
            });
            CompletableFuture<Long> prefetched = pool.submit(() -> ProcessHandle.current().pid());

            ExecutionException e = assertThrows(ExecutionException.class, () -> crash.get(30, SECONDS));
            IsolateCrashedException c = assertInstanceOf(IsolateCrashedException.class, e.getCause());
            assertNotEquals(c.pid(), prefetched.get(30, SECONDS), "it ran on the replacement");
            PoolStats stats = pool.stats();
            assertEquals(2, stats.done());
            assertEquals(1, stats.failed(), "only the crashing task failed: " + stats);
            assertEquals(1, stats.restarts());
        }
    }

    @Test
    void shouldFailThePrefetchedTaskWhenItIsTheOneThatCrashes() throws Exception {
        try (IsolatePool pool = prefetching(1).build()) {
            assertEquals(0, pool.submit(() -> 0).get(30, SECONDS)); // its isolate is up: the next two go to it
            CompletableFuture<Long> first = pool.submit(() -> {
                Thread.sleep(300);
                return ProcessHandle.current().pid();
            });
            CompletableFuture<Long> crash = pool.submit(() -> {
                Runtime.getRuntime().halt(7);
                return 0L;
            });

            long pid = first.get(30, SECONDS);
            ExecutionException e = assertThrows(ExecutionException.class, () -> crash.get(30, SECONDS));
            IsolateCrashedException c = assertInstanceOf(IsolateCrashedException.class, e.getCause());
            assertEquals(pid, c.pid());
            assertEquals(7, c.exitCode());
        }
    }

    @Test
    void shouldReplaceTheIsolateWhenItReachesACancelledPrefetchedTaskThatWouldNeverEnd() throws Exception {
        try (IsolatePool pool = prefetching(1).build()) {
            assertEquals(0, pool.submit(() -> 0).get(30, SECONDS)); // its isolate is up: the next two go to it
            CompletableFuture<Long> busy = pool.submit(() -> {
                Thread.sleep(500);
                return ProcessHandle.current().pid();
            });
            CompletableFuture<Long> prefetched = pool.submit(() -> {
                while (true) {
                    Thread.sleep(10); // cancelled before it starts; it cannot be taken back from the queue
                }
            });

            assertTrue(prefetched.cancel(true));
            long pid = busy.get(30, SECONDS);
            assertThrows(CancellationException.class, () -> prefetched.get(30, SECONDS));
            long next = pool.submit(() -> ProcessHandle.current().pid()).get(30, SECONDS);
            assertNotEquals(pid, next, "a fresh isolate took over");
            PoolStats stats = pool.stats();
            assertEquals(1, stats.failed(), "only the cancelled task: " + stats);
            assertEquals(3, stats.done(), stats.toString());
        }
    }

    @Test
    void shouldStartAPrefetchedTasksTimeoutWhenItStarts() throws Exception {
        try (IsolatePool pool = prefetching(1).taskTimeout(Duration.ofMillis(2_500)).build()) {
            assertEquals(0, pool.submit(() -> 0).get(30, SECONDS)); // its isolate is up: the next two go to it
            CompletableFuture<Integer> first = pool.submit(() -> {
                Thread.sleep(1_500);
                return 1;
            });
            CompletableFuture<Integer> second = pool.submit(() -> {
                Thread.sleep(1_500); // ends 3 s after it was sent, 1.5 s after it started
                return 2;
            });

            assertEquals(1, first.get(30, SECONDS));
            assertEquals(2, second.get(30, SECONDS));
            assertEquals(0, pool.stats().restarts());
        }
    }

    @Test
    void shouldNotPrefetchPastMaxTasksPerIsolate() throws Exception {
        try (IsolatePool pool = prefetching(2).maxTasksPerIsolate(2).build()) {
            List<CompletableFuture<Long>> pids = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                pids.add(pool.submit(() -> {
                    Thread.sleep(20);
                    return ProcessHandle.current().pid();
                }));
            }
            Map<Long, Integer> tasksPerPid = new HashMap<>();
            for (CompletableFuture<Long> f : pids) {
                tasksPerPid.merge(f.get(60, SECONDS), 1, Integer::sum);
            }
            assertTrue(tasksPerPid.values().stream().allMatch(n -> n <= 2), "at most 2 tasks each: " + tasksPerPid);
            assertEquals(12, pool.stats().done());
            assertEquals(0, pool.stats().failed());
        }
    }
}
