package dev.isolates.it;

import static java.util.concurrent.TimeUnit.MINUTES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateCallable;
import dev.isolates.IsolateCrashedException;
import dev.isolates.IsolatePool;
import dev.isolates.PoolStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 10,000 tasks on two isolates, without and with prefetch, about 2% of them crashing their isolate in
 * one of several ways: every
 * future completes, exactly the crashing tasks fail, every other task returns its value, and the
 * counts add up. Which tasks crash, and how, is drawn up front from a seeded {@link Random}.
 * Several minutes: run with {@code mvn test -Psoak -Dtest=PoolSoakTest}.
 */
@Tag("soak")
@ExtendWith(NoChildProcessLeftBehind.class)
class PoolSoakTest {
    private static final int TASKS = 10_000;
    private static final double CRASH_SHARE = 0.02;
    private static final long SEED = 20_260_404L;

    /** The ways a task ends its isolate, with the reason the pool must give. */
    private enum Crash {
        HALT("Runtime.halt"), EXIT("System.exit"), STACK_OVERFLOW("StackOverflowError");

        final String reason;

        Crash(String reason) {
            this.reason = reason;
        }
    }

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(booleans = {false, true})
    void shouldCompleteEveryFutureAndFailExactlyTheCrashingTasks(boolean prefetch) throws Exception {
        Random random = new Random(SEED);
        Crash[] plan = new Crash[TASKS];
        int crashes = 0;
        for (int i = 0; i < TASKS; i++) {
            if (random.nextDouble() < CRASH_SHARE) {
                plan[i] = Crash.values()[random.nextInt(Crash.values().length)];
                crashes++;
            }
        }

        long started = System.nanoTime();
        try (IsolatePool pool = IsolatePool.builder().size(2).prefetch(prefetch)
                .maxRestarts(1000, Duration.ofMinutes(1)).build()) {
            List<CompletableFuture<Integer>> futures = new ArrayList<>(TASKS);
            for (int i = 0; i < TASKS; i++) {
                futures.add(pool.submit(task(i, plan[i])));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .handle((v, e) -> null)
                    .get(30, MINUTES);

            int failedAsPlanned = 0;
            for (int i = 0; i < TASKS; i++) {
                CompletableFuture<Integer> f = futures.get(i);
                assertTrue(f.isDone(), "task " + i + " never completed");
                if (plan[i] == null) {
                    assertEquals(i, f.join(), "task " + i);
                } else {
                    CompletionException e = assertThrows(CompletionException.class,
                            f::join, "task " + i + " should crash with " + plan[i]);
                    IsolateCrashedException crash = assertInstanceOf(IsolateCrashedException.class, e.getCause(),
                            "task " + i);
                    assertEquals(plan[i].reason, crash.reason(), "task " + i + ": " + crash.getMessage());
                    failedAsPlanned++;
                }
            }
            assertEquals(crashes, failedAsPlanned);
            PoolStats stats = pool.stats();
            assertEquals(TASKS - crashes, stats.done(), stats.toString());
            assertEquals(crashes, stats.failed(), stats.toString());
            assertEquals(crashes, stats.restarts(), "one replacement per crash: " + stats);
            assertEquals(0, stats.queued(), stats.toString());
            assertEquals(0, stats.running(), stats.toString());
            assertFalse(pool.isFailed(), "the pool should not have given up: " + stats);
        }
        System.out.printf("soak (prefetch %s): %d tasks, %d crashes, %.1f s%n", prefetch, TASKS, crashes,
                (System.nanoTime() - started) / 1e9);
    }

    private static IsolateCallable<Integer> task(int n, Crash crash) {
        if (crash == null) {
            return () -> n;
        }
        return switch (crash) {
            case HALT -> () -> {
                // below the exit codes a worker chooses itself (94-98), which a halt would impersonate
                Runtime.getRuntime().halt(1 + n % 90);
                return -1;
            };
            case EXIT -> () -> {
                System.exit(1 + n % 100);
                return -1;
            };
            case STACK_OVERFLOW -> () -> recurse(n);
        };
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }
}
