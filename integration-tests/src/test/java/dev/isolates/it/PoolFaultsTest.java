package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateCallable;
import dev.isolates.IsolateCrashedException;
import dev.isolates.IsolateOptions;
import dev.isolates.IsolatePool;
import dev.isolates.IsolateTimeoutException;
import dev.isolates.PoolStats;
import dev.isolates.protocol.ExitReason;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each fault a pool task can cause, in a real isolate JVM: it fails only that task, with the facts
 * of the death, while the tasks queued before and after it on the same one-isolate pool succeed, the
 * one after on the replacement isolate.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class PoolFaultsTest {
    private static final long WAIT = 60;
    private static final Duration TASK_TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path scratch;

    @AfterEach
    void noCrashReportInWorkingDirectory() throws Exception {
        // a JVM that crashes writes hs_err_pid*.log into its working directory unless told elsewhere
        try (Stream<Path> files = Files.list(Path.of(""))) {
            List<Path> reports = files.filter(p -> p.getFileName().toString().startsWith("hs_err_pid")).toList();
            for (Path p : reports) {
                Files.delete(p);
            }
            assertEquals(List.of(), reports, "a crashed isolate left its report in the working directory");
        }
    }

    @Test
    void shouldFailOnlyTheTaskThatCallsSystemExit() throws Exception {
        IsolateCrashedException crash = crashBetweenTwoGoodTasks(IsolateOptions.defaults(), () -> {
            System.err.println("leaving with System.exit");
            System.exit(42);
            return "unreachable";
        });

        assertEquals("System.exit", crash.reason(), crash.getMessage());
        assertEquals(42, crash.exitCode());
        assertEquals(OptionalInt.empty(), crash.signal());
        assertTrue(crash.stderrTail().contains("leaving with System.exit"), crash.stderrTail());
    }

    @Test
    void shouldFailOnlyTheTaskThatHaltsTheRuntime() throws Exception {
        IsolateCrashedException crash = crashBetweenTwoGoodTasks(IsolateOptions.defaults(), () -> {
            System.err.println("halting now");
            Runtime.getRuntime().halt(13);
            return "unreachable";
        });

        assertEquals("Runtime.halt", crash.reason(), crash.getMessage());
        assertEquals(13, crash.exitCode());
        assertEquals(OptionalInt.empty(), crash.signal());
        assertTrue(crash.stderrTail().contains("halting now"), crash.stderrTail());
    }

    @Test
    void shouldFailOnlyTheTaskThatRunsOutOfHeap() throws Exception {
        IsolateCrashedException crash = crashBetweenTwoGoodTasks(IsolateOptions.builder().maxHeap("32m").build(), () -> {
            List<long[]> hoard = new ArrayList<>();
            while (true) {
                hoard.add(new long[128 * 1024]);
            }
        });

        assertEquals("OutOfMemoryError", crash.reason(), crash.getMessage());
        assertEquals(ExitReason.OUT_OF_MEMORY.code(), crash.exitCode(), crash.getMessage());
        assertEquals(OptionalInt.empty(), crash.signal());
        assertTrue(crash.getMessage().contains("maxHeap"), "the message should say what to do: " + crash.getMessage());
    }

    @Test
    void shouldFailOnlyTheTaskThatOverflowsItsStack() throws Exception {
        IsolateCrashedException crash = crashBetweenTwoGoodTasks(IsolateOptions.defaults(), () -> recurse(0));

        assertEquals("StackOverflowError", crash.reason(), crash.getMessage());
        assertEquals(ExitReason.STACK_OVERFLOW.code(), crash.exitCode(), crash.getMessage());
        assertEquals(OptionalInt.empty(), crash.signal());
        assertTrue(crash.stderrTail().contains("StackOverflowError"), crash.stderrTail());
    }

    @Test
    void shouldFailOnlyTheTaskWhoseIsolateIsKilledFromOutside() throws Exception {
        Path running = scratch.resolve("running");
        String marker = running.toString();
        try (IsolatePool pool = onePool(IsolateOptions.defaults())) {
            long pid = pool.submit(() -> ProcessHandle.current().pid()).get(WAIT, SECONDS);
            CompletableFuture<String> victim = pool.submit(() -> {
                Files.createFile(Path.of(marker));
                Thread.sleep(120_000);
                return "slept through kill -9";
            });
            CompletableFuture<Long> after = pool.submit(() -> ProcessHandle.current().pid());
            awaitFile(running, victim);

            Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
            assertTrue(kill.waitFor(30, SECONDS), "kill -9 did not finish");
            assertEquals(0, kill.exitValue(), "kill -9 " + pid + " failed");

            IsolateCrashedException crash = crashOf(victim);
            assertEquals(pid, crash.pid());
            assertEquals("SIGKILL", crash.reason(), crash.getMessage());
            assertEquals(OptionalInt.of(9), crash.signal());
            assertEquals(128 + 9, crash.exitCode());
            assertTrue(crash.getMessage().contains("pid " + pid), crash.getMessage());
            long replacement = after.get(WAIT, SECONDS);
            assertNotEquals(pid, replacement, "the task after the kill should run on a new isolate");
            assertStats(pool, 2, 1);
        }
    }

    @Test
    void shouldFailOnlyTheTaskThatCrashesTheJvmWithSegmentationFault() throws Exception {
        IsolateOptions options = IsolateOptions.builder()
                .jvmArgs("-XX:ErrorFile=" + scratch.resolve("hs_err_%p.log"), "-XX:-CreateCoredumpOnCrash")
                .build();
        IsolateCrashedException crash = crashBetweenTwoGoodTasks(options, () -> {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            sun.misc.Unsafe unsafe = (sun.misc.Unsafe) f.get(null);
            unsafe.putAddress(0, 0);
            return "survived a write to address 0";
        });

        assertEquals("JVM crash (SIGSEGV)", crash.reason(), crash.getMessage());
        // with core dumps off, HotSpot exits with 1 once its report is written, instead of aborting
        assertEquals(1, crash.exitCode(), crash.getMessage());
        assertEquals(OptionalInt.empty(), crash.signal());
        Path report = scratch.resolve("hs_err_" + crash.pid() + ".log");
        assertTrue(Files.exists(report), "the crash report should be where -XX:ErrorFile said: " + report);
        assertTrue(crash.stderrTail().contains(report.toString()), "the tail should name the report: "
                + crash.stderrTail());
        assertTrue(crash.getMessage().contains("Problematic frame"), "the message should name the frame: "
                + crash.getMessage());
    }

    @Test
    void shouldTimeOutAnEndlessLoopAndEndItsIsolate() throws Exception {
        IsolateTimeoutException timeout = timeoutBetweenTwoGoodTasks(() -> {
            long spins = 0;
            while (true) {
                spins++;
            }
        });

        assertEquals(TASK_TIMEOUT, timeout.timeout());
    }

    @Test
    void shouldTimeOutADeadlockedTaskAndEndItsIsolate() throws Exception {
        IsolateTimeoutException timeout = timeoutBetweenTwoGoodTasks(() -> {
            Object a = new Object();
            Object b = new Object();
            CountDownLatch bothHoldOne = new CountDownLatch(2);
            Thread first = new Thread(() -> lockBoth(a, b, bothHoldOne), "deadlock-ab");
            Thread second = new Thread(() -> lockBoth(b, a, bothHoldOne), "deadlock-ba");
            first.start();
            second.start();
            first.join();
            second.join();
            return "no deadlock";
        });

        assertEquals(TASK_TIMEOUT, timeout.timeout());
    }

    @Test
    void shouldKeepWorkingAfterATaskClosesStdout() throws Exception {
        try (IsolatePool pool = onePool(IsolateOptions.defaults())) {
            long pid = pool.submit(() -> ProcessHandle.current().pid()).get(WAIT, SECONDS);
            CompletableFuture<String> closer = pool.submit(() -> {
                System.out.close();
                return "closed stdout";
            });
            CompletableFuture<Boolean> printer = pool.submit(() -> {
                System.out.println("written after stdout was closed");
                return System.out.checkError();
            });
            CompletableFuture<Long> after = pool.submit(() -> ProcessHandle.current().pid());

            assertEquals("closed stdout", closer.get(WAIT, SECONDS));
            assertTrue(printer.get(WAIT, SECONDS), "printing to a closed stdout should only set its error flag");
            assertEquals(pid, after.get(WAIT, SECONDS), "the same isolate should go on running tasks");
            assertStats(pool, 4, 0);
        }
    }

    /** Runs a good task, {@code fault}, and a good task on a one-isolate pool; returns the fault's crash. */
    private static IsolateCrashedException crashBetweenTwoGoodTasks(IsolateOptions options, IsolateCallable<?> fault)
            throws Exception {
        try (IsolatePool pool = onePool(options)) {
            CompletableFuture<Long> before = pool.submit(() -> ProcessHandle.current().pid());
            CompletableFuture<?> faulty = pool.submit(fault);
            CompletableFuture<Long> after = pool.submit(() -> ProcessHandle.current().pid());

            IsolateCrashedException crash = crashOf(faulty);
            long first = before.get(WAIT, SECONDS);
            long second = after.get(WAIT, SECONDS);
            assertEquals(first, crash.pid(), "the fault ran on the isolate of the task before it");
            assertNotEquals(first, second, "the task after the fault should run on the replacement isolate");
            assertTrue(crash.getMessage().contains("pid " + crash.pid()), crash.getMessage());
            assertTrue(crash.getMessage().contains(crash.reason()), crash.getMessage());
            assertTrue(Processes.awaitHandleNotAlive(crash.pid(), Duration.ofSeconds(10)), "pid " + crash.pid());
            assertStats(pool, 2, 1);
            return crash;
        }
    }

    /** As {@link #crashBetweenTwoGoodTasks}, for a task that never ends, under a task timeout. */
    private static IsolateTimeoutException timeoutBetweenTwoGoodTasks(IsolateCallable<?> stuck) throws Exception {
        try (IsolatePool pool = IsolatePool.builder().size(1).taskTimeout(TASK_TIMEOUT).build()) {
            CompletableFuture<Long> before = pool.submit(() -> ProcessHandle.current().pid());
            CompletableFuture<?> hung = pool.submit(stuck);
            CompletableFuture<Long> after = pool.submit(() -> ProcessHandle.current().pid());

            ExecutionException e = assertThrows(ExecutionException.class, () -> hung.get(WAIT, SECONDS));
            IsolateTimeoutException timeout = assertInstanceOf(IsolateTimeoutException.class, e.getCause());
            long first = before.get(WAIT, SECONDS);
            assertEquals(first, timeout.pid());
            assertTrue(timeout.getMessage().contains("pid " + first), timeout.getMessage());
            assertTrue(Processes.awaitHandleNotAlive(first, Duration.ofSeconds(10)),
                    "the isolate of the overdue task should be killed, pid " + first);
            assertNotEquals(first, after.get(WAIT, SECONDS), "the task after should run on the replacement isolate");
            assertStats(pool, 2, 1);
            return timeout;
        }
    }

    private static IsolatePool onePool(IsolateOptions options) {
        return IsolatePool.builder().size(1).options(options).build();
    }

    private static IsolateCrashedException crashOf(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(WAIT, SECONDS));
        return assertInstanceOf(IsolateCrashedException.class, e.getCause());
    }

    private static void assertStats(IsolatePool pool, long done, long failed) {
        PoolStats stats = pool.stats();
        assertEquals(done, stats.done(), stats.toString());
        assertEquals(failed, stats.failed(), stats.toString());
        assertEquals(failed, stats.restarts(), stats.toString());
        assertEquals(0, stats.queued(), stats.toString());
        assertEquals(0, stats.running(), stats.toString());
    }

    private static void awaitFile(Path file, CompletableFuture<?> task) throws Exception {
        long deadline = System.nanoTime() + SECONDS.toNanos(WAIT);
        while (!Files.exists(file)) {
            if (task.isDone()) {
                throw new AssertionError("the task ended before it marked itself running: " + task);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the task did not start within " + WAIT + " s");
            }
            Thread.sleep(20);
        }
    }

    private static void lockBoth(Object first, Object second, CountDownLatch bothHoldOne) {
        synchronized (first) {
            bothHoldOne.countDown();
            try {
                bothHoldOne.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            synchronized (second) {
                bothHoldOne.countDown();
            }
        }
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }
}
