package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateCallable;
import dev.isolates.IsolateCrashedException;
import dev.isolates.IsolateException;
import dev.isolates.IsolatePool;
import dev.isolates.PoolStats;
import dev.isolates.RestartPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a pool does after an isolate ends: retry the task if allowed, replace the isolate as the
 * restart policy says, and stop restarting, failed, when isolates end too often.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class PoolRestartTest {
    private static final long WAIT = 60;

    @TempDir
    Path scratch;

    @Test
    void shouldRunTaskAgainOnReplacementIsolateWhenRetriesAllow() throws Exception {
        String marker = scratch.resolve("first-attempt").toString();
        try (IsolatePool pool = IsolatePool.builder().size(1).retries(1).build()) {
            long[] answer = pool.submit(crashOnFirstAttempt(marker)).get(WAIT, SECONDS);

            assertEquals(2, answer[0], "the value of the second attempt");
            assertTrue(Files.exists(Path.of(marker)), "the first attempt ran");
            PoolStats stats = pool.stats();
            assertEquals(1, stats.done(), stats.toString());
            assertEquals(0, stats.failed(), stats.toString());
            assertEquals(1, stats.restarts(), stats.toString());
        }
    }

    @Test
    void shouldFailTaskWhoseIsolateDiesWhenNoRetriesAreAllowed() throws Exception {
        String marker = scratch.resolve("first-attempt").toString();
        try (IsolatePool pool = IsolatePool.builder().size(1).retries(0).build()) {
            CompletableFuture<long[]> task = pool.submit(crashOnFirstAttempt(marker));

            IsolateCrashedException crash = failure(task, IsolateCrashedException.class);
            assertEquals("Runtime.halt", crash.reason(), crash.getMessage());
            assertEquals(21, crash.exitCode());
            assertTrue(Files.exists(Path.of(marker)), "the first attempt ran");
            assertEquals(7, pool.submit(() -> 7).get(WAIT, SECONDS), "the pool goes on with a replacement");
            PoolStats stats = pool.stats();
            assertEquals(1, stats.failed(), stats.toString());
            assertEquals(1, stats.restarts(), stats.toString());
        }
    }

    @Test
    void shouldStopRestartingAndFailPendingTasksWhenIsolatesEndTooOften() throws Exception {
        try (IsolatePool pool = IsolatePool.builder().size(1).maxRestarts(2, Duration.ofSeconds(30)).build()) {
            List<CompletableFuture<String>> crashing = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                crashing.add(pool.submit(() -> {
                    Runtime.getRuntime().halt(5);
                    return "unreachable";
                }));
            }

            // two restarts are allowed; the third isolate's death would be the third restart in 30 s
            for (int i = 0; i < 3; i++) {
                IsolateCrashedException crash = failure(crashing.get(i), IsolateCrashedException.class);
                assertEquals("Runtime.halt", crash.reason(), crash.getMessage());
            }
            for (int i = 3; i < 6; i++) {
                IsolateException stopped = failure(crashing.get(i), IsolateException.class);
                assertEquals(IsolateException.class, stopped.getClass(), stopped.toString());
                assertTrue(stopped.getMessage().contains("stopped restarting"), stopped.getMessage());
                assertTrue(stopped.getMessage().contains("maxRestarts"), "should say what to change: "
                        + stopped.getMessage());
            }
            assertTrue(pool.isFailed(), "the pool should report itself failed");

            CompletableFuture<Integer> late = pool.submit(() -> 1);
            assertTrue(late.isCompletedExceptionally(), "a submit to a failed pool should fail at once");
            IsolateException refused = failure(late, IsolateException.class);
            assertTrue(refused.getMessage().contains("stopped restarting"), refused.getMessage());

            // it does not go on restarting: no isolate runs, and the count stays put
            assertEquals(List.of(), Processes.awaitNoDescendants(Duration.ofSeconds(20)), "isolates still running");
            PoolStats stats = pool.stats();
            assertEquals(2, stats.restarts(), stats.toString());
            assertEquals(0, stats.alive(), stats.toString());
            assertEquals(0, stats.queued(), stats.toString());
            assertEquals(7, stats.failed(), stats.toString());
            Thread.sleep(1_000);
            assertEquals(2, pool.stats().restarts(), "no restart after the pool failed");
        }
    }

    @Test
    void shouldFailQueuedTasksWhenTheOnlyIsolateDiesUnderRestartNever() throws Exception {
        try (IsolatePool pool = IsolatePool.builder().size(1).restart(RestartPolicy.NEVER).build()) {
            CompletableFuture<String> crash = pool.submit(() -> {
                Thread.sleep(300); // the tasks below are queued by then
                Runtime.getRuntime().halt(6);
                return "unreachable";
            });
            CompletableFuture<Integer> queued1 = pool.submit(() -> 1);
            CompletableFuture<Integer> queued2 = pool.submit(() -> 2);

            assertEquals("Runtime.halt", failure(crash, IsolateCrashedException.class).reason());
            for (CompletableFuture<Integer> queued : List.of(queued1, queued2)) {
                IsolateException none = failure(queued, IsolateException.class);
                assertTrue(none.getMessage().contains("no isolate left"), none.getMessage());
                assertTrue(none.getMessage().contains("NEVER"), none.getMessage());
            }
            PoolStats stats = pool.stats();
            assertEquals(0, stats.restarts(), stats.toString());
            assertEquals(3, stats.failed(), stats.toString());
            assertEquals(0, stats.alive(), stats.toString());

            CompletableFuture<Integer> late = pool.submit(() -> 3);
            IsolateException none = failure(late, IsolateException.class);
            assertTrue(none.getMessage().contains("no isolate left"), none.getMessage());
            assertEquals(0, pool.stats().restarts(), "NEVER means no isolate starts again");
            assertEquals(List.of(), Processes.awaitNoDescendants(Duration.ofSeconds(20)), "isolates still running");
        }
    }

    @Test
    void shouldReplaceIsolateAfterItRanMaxTasks() throws Exception {
        try (IsolatePool pool = IsolatePool.builder().size(1).maxTasksPerIsolate(3).build()) {
            List<CompletableFuture<Long>> pids = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                pids.add(pool.submit(() -> ProcessHandle.current().pid()));
            }
            List<Long> seen = new ArrayList<>();
            for (CompletableFuture<Long> pid : pids) {
                seen.add(pid.get(WAIT, SECONDS));
            }

            assertEquals(3, new HashSet<>(seen).size(), "9 tasks, 3 per isolate: " + seen);
            for (int i = 0; i < 9; i += 3) {
                assertEquals(seen.get(i), seen.get(i + 1), "consecutive tasks share an isolate: " + seen);
                assertEquals(seen.get(i), seen.get(i + 2), "consecutive tasks share an isolate: " + seen);
            }
            PoolStats stats = pool.stats();
            assertEquals(9, stats.done(), stats.toString());
            assertEquals(0, stats.failed(), stats.toString());
        }
    }

    @Test
    void shouldNotCountRetiredIsolatesAgainstRestartIntensity() throws Exception {
        // recycling isolates is the pool's own plan, not a failure: it must not make the pool give up
        try (IsolatePool pool = IsolatePool.builder().size(1).maxTasksPerIsolate(1)
                .maxRestarts(1, Duration.ofSeconds(60)).build()) {
            Set<Long> pids = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                pids.add(pool.submit(() -> ProcessHandle.current().pid()).get(WAIT, SECONDS));
            }

            assertEquals(4, pids.size(), "one isolate per task: " + pids);
            assertFalse(pool.isFailed(), "retiring isolates should not fail the pool");
            PoolStats stats = pool.stats();
            assertEquals(4, stats.done(), stats.toString());
            assertEquals(0, stats.failed(), stats.toString());
        }
    }

    /** A task that halts its isolate on its first attempt, marked by a file, and returns {2, pid} on the next. */
    private static IsolateCallable<long[]> crashOnFirstAttempt(String marker) {
        return () -> {
            Path first = Path.of(marker);
            if (Files.notExists(first)) {
                Files.createFile(first);
                Runtime.getRuntime().halt(21);
            }
            return new long[] {2, ProcessHandle.current().pid()};
        };
    }

    @Test
    void shouldReplaceAnIsolateRetiredAfterMaxTasksEvenWhenTheRestartPolicyIsNever() throws Exception {
        try (IsolatePool pool = IsolatePool.builder().size(1).maxTasksPerIsolate(2).restart(RestartPolicy.NEVER)
                .build()) {
            Set<Long> pids = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                pids.add(pool.submit(() -> ProcessHandle.current().pid()).get(WAIT, SECONDS));
            }
            assertEquals(3, pids.size(), "two tasks per isolate: " + pids);
            assertEquals(0, pool.stats().failed());
            assertFalse(pool.isFailed());
        }
    }

    private static <E extends Throwable> E failure(CompletableFuture<?> future, Class<E> type) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(WAIT, SECONDS));
        return assertInstanceOf(type, e.getCause());
    }
}
