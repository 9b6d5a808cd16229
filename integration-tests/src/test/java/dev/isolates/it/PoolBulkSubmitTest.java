package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateCallable;
import dev.isolates.IsolateCrashedException;
import dev.isolates.IsolatePool;
import dev.isolates.IsolateTimeoutException;
import dev.isolates.PoolStats;
import dev.isolates.UnsendableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** submitAll: isolates take many tasks per message, and each task still ends on its own. */
@ExtendWith(NoChildProcessLeftBehind.class)
class PoolBulkSubmitTest {

    @Test
    void shouldGiveEachTaskItsOwnFutureInOrder() throws Exception {
        try (IsolatePool pool = IsolatePool.builder().size(2).build()) {
            List<IsolateCallable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                int n = i;
                tasks.add(() -> n * 2);
            }
            List<CompletableFuture<Integer>> futures = pool.submitAll(tasks);
            assertEquals(1_000, futures.size());
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(i * 2, futures.get(i).get(30, SECONDS));
            }
            PoolStats stats = pool.stats();
            assertEquals(1_000, stats.done(), stats.toString());
            assertEquals(0, stats.failed(), stats.toString());
            assertEquals(0, stats.queued(), stats.toString());
        }
    }

    @Test
    void shouldFailOnlyTheTaskThatThrows() throws Exception {
        try (IsolatePool pool = IsolatePool.builder().size(1).build()) {
            List<CompletableFuture<Integer>> futures = pool.submitAll(List.of(() -> 1, () -> {
                throw new IllegalStateException("task two");
            }, () -> 3));
            assertEquals(1, futures.get(0).get(30, SECONDS));
            ExecutionException e = assertThrows(ExecutionException.class, () -> futures.get(1).get(30, SECONDS));
            IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause());
            assertEquals("task two", cause.getMessage());
            assertEquals(3, futures.get(2).get(30, SECONDS));
            PoolStats stats = pool.stats();
            assertEquals(2, stats.done(), stats.toString());
            assertEquals(1, stats.failed(), stats.toString());
        }
    }

    @Test
    void shouldFailOnlyTheRunningTaskWhenItsIsolateCrashesAndRunTheRestOfTheBatchElsewhere() throws Exception {
        try (IsolatePool pool = IsolatePool.builder().size(1).build()) {
            long firstPid = pool.submit(() -> ProcessHandle.current().pid()).get(30, SECONDS);
            List<IsolateCallable<Long>> tasks = new ArrayList<>();
            tasks.add(() -> ProcessHandle.current().pid());
            tasks.add(() -> {
                System.exit(3);
                return 0L;
            });
            for (int i = 0; i < 8; i++) {
                tasks.add(() -> ProcessHandle.current().pid());
            }
            List<CompletableFuture<Long>> futures = pool.submitAll(tasks);

            assertEquals(firstPid, futures.get(0).get(30, SECONDS), "ran before the crash, on the first isolate");
            ExecutionException e = assertThrows(ExecutionException.class, () -> futures.get(1).get(30, SECONDS));
            IsolateCrashedException crash = assertInstanceOf(IsolateCrashedException.class, e.getCause());
            assertEquals(firstPid, crash.pid());
            for (int i = 2; i < futures.size(); i++) {
                assertNotEquals(firstPid, futures.get(i).get(30, SECONDS), "task " + i + " ran on the replacement");
            }
            PoolStats stats = pool.stats();
            assertEquals(10, stats.done(), stats.toString());
            assertEquals(1, stats.failed(), "only the crashing task failed: " + stats);
            assertEquals(1, stats.restarts(), stats.toString());
        }
    }

    @Test
    void shouldRetryTheCrashedTaskOfABatchWhenRetriesAllow() throws Exception {
        try (IsolatePool pool = IsolatePool.builder().size(1).retries(1).build()) {
            long firstPid = pool.submit(() -> ProcessHandle.current().pid()).get(30, SECONDS);
            List<CompletableFuture<Long>> futures = pool.submitAll(List.of(() -> ProcessHandle.current().pid(), () -> {
                long pid = ProcessHandle.current().pid();
                if (pid == firstPid) {
                    Runtime.getRuntime().halt(7);
                }
                return pid;
            }, () -> ProcessHandle.current().pid()));
            assertEquals(firstPid, futures.get(0).get(30, SECONDS));
            long retried = futures.get(1).get(30, SECONDS);
            assertNotEquals(firstPid, retried, "retried on the replacement");
            assertEquals(retried, futures.get(2).get(30, SECONDS));
            assertEquals(4, pool.stats().done(), "the first submit and the three: " + pool.stats());
            assertEquals(0, pool.stats().failed(), pool.stats().toString());
        }
    }

    @Test
    void shouldTimeEachTaskOfABatchOnItsOwn() throws Exception {
        try (IsolatePool pool = IsolatePool.builder().size(1).taskTimeout(Duration.ofSeconds(3)).build()) {
            pool.submit(() -> 0).get(30, SECONDS);
            List<IsolateCallable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                tasks.add(() -> {
                    Thread.sleep(700); // together past the timeout, each within it
                    return 1;
                });
            }
            tasks.add(() -> {
                Thread.sleep(60_000);
                return 2;
            });
            tasks.add(() -> 3);
            List<CompletableFuture<Integer>> futures = pool.submitAll(tasks);
            for (int i = 0; i < 5; i++) {
                assertEquals(1, futures.get(i).get(30, SECONDS), "task " + i);
            }
            ExecutionException e = assertThrows(ExecutionException.class, () -> futures.get(5).get(30, SECONDS));
            assertInstanceOf(IsolateTimeoutException.class, e.getCause());
            assertEquals(3, futures.get(6).get(30, SECONDS), "it ran on the replacement");
        }
    }

    @Test
    void shouldCancelQueuedTasksAndRunTheOthers() throws Exception {
        try (IsolatePool pool = IsolatePool.builder().size(1).build()) {
            CompletableFuture<Integer> busy = pool.submit(() -> {
                Thread.sleep(1_000);
                return 0;
            });
            List<CompletableFuture<Integer>> futures = pool.submitAll(List.of(() -> 1, () -> 2, () -> 3));
            assertTrue(futures.get(1).cancel(true));
            assertEquals(0, busy.get(30, SECONDS));
            assertEquals(1, futures.get(0).get(30, SECONDS));
            assertThrows(CancellationException.class, () -> futures.get(1).get(30, SECONDS));
            assertEquals(3, futures.get(2).get(30, SECONDS));
            PoolStats stats = pool.stats();
            assertEquals(3, stats.done(), stats.toString());
            assertEquals(1, stats.failed(), stats.toString());
        }
    }

    @Test
    void shouldFailOnlyTheUnsendableTask() throws Exception {
        try (IsolatePool pool = IsolatePool.builder().size(1).build()) {
            Thread thread = new Thread(() -> { });
            List<CompletableFuture<Object>> futures = pool.submitAll(List.of(() -> 1, () -> thread, () -> {
                Thread captured = thread;
                return captured.getName();
            }));
            assertEquals(1, futures.get(0).get(30, SECONDS));
            for (int i = 1; i < 3; i++) {
                int at = i;
                ExecutionException e = assertThrows(ExecutionException.class, () -> futures.get(at).get(30, SECONDS));
                assertInstanceOf(UnsendableException.class, e.getCause());
            }
        }
    }

    @Test
    void shouldAnswerAnEmptyListWithNoFutures() {
        try (IsolatePool pool = IsolatePool.builder().size(1).build()) {
            assertEquals(List.of(), pool.submitAll(List.of()));
        }
    }

    @Test
    void shouldRefuseANullTaskNamingItsPositionAndQueueNone() {
        try (IsolatePool pool = IsolatePool.builder().size(1).build()) {
            List<IsolateCallable<Integer>> tasks = Arrays.asList(() -> 1, null);
            NullPointerException e = assertThrows(NullPointerException.class, () -> pool.submitAll(tasks));
            assertTrue(e.getMessage().contains("task 1 of 2"), e.getMessage());
            assertEquals(0, pool.stats().queued() + pool.stats().running());
        }
    }
}
