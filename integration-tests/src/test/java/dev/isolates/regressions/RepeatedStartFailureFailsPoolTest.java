package dev.isolates.regressions;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateOptions;
import dev.isolates.IsolatePool;
import dev.isolates.IsolateStartException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * A pool whose isolates fail to start again and again, under a restart limit it never reaches,
 * fails its tasks with the start failure and reports itself failed, instead of retrying for ever.
 */
class RepeatedStartFailureFailsPoolTest {

    @Test
    void shouldFailQueuedTasksWithTheStartFailureWhenEveryStartFails() throws Exception {
        IsolateOptions bogus = IsolateOptions.builder().jvmArgs("-XX:+ThisFlagDoesNotExist").build();
        try (IsolatePool pool = IsolatePool.builder().size(2).options(bogus)
                .maxRestarts(1_000_000, Duration.ofHours(1)).build()) {
            CompletableFuture<Integer> first = pool.submit(() -> 1);
            CompletableFuture<Integer> second = pool.submit(() -> 2);

            ExecutionException e = assertThrows(ExecutionException.class, () -> first.get(60, SECONDS));
            IsolateStartException start = assertInstanceOf(IsolateStartException.class, e.getCause());
            assertTrue(start.output().contains("Unrecognized VM option"), start.output());
            ExecutionException e2 = assertThrows(ExecutionException.class, () -> second.get(60, SECONDS));
            assertInstanceOf(IsolateStartException.class, e2.getCause());
            assertTrue(pool.isFailed(), "the pool reports itself failed");
            ExecutionException later = assertThrows(ExecutionException.class, () -> pool.submit(() -> 3).get(60, SECONDS));
            assertInstanceOf(IsolateStartException.class, later.getCause());
        }
    }
}
