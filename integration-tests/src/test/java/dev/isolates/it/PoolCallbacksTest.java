package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolatePool;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What callers do in their futures' callbacks, and cancelling, never wedges or breaks a pool. */
@ExtendWith(NoChildProcessLeftBehind.class)
class PoolCallbacksTest {

    @Test
    void shouldLetACallbackSubmitAndWaitForAnotherTask() throws Exception {
        // One isolate: the inner task needs the very isolate whose answer ran the callback.
        try (IsolatePool pool = IsolatePool.create(1)) {
            CompletableFuture<Integer> chained = pool.submit(() -> 20)
                    .thenApply(v -> v + pool.submit(() -> 22).join()); // waits inside the callback
            assertEquals(42, chained.get(60, SECONDS));
        }
    }

    @Test
    void shouldNotCountCancelledTasksAsCrashes() throws Exception {
        try (IsolatePool pool = IsolatePool.builder().size(1).maxRestarts(2, Duration.ofMinutes(1)).build()) {
            for (int i = 0; i < 4; i++) {
                pool.submit(() -> ProcessHandle.current().pid()).get(60, SECONDS); // an isolate is up
                CompletableFuture<Integer> slow = pool.submit(() -> {
                    Thread.sleep(60_000);
                    return 0;
                });
                Thread.sleep(300); // let it start; either way the cancel must not count as a crash
                assertTrue(slow.cancel(true));
            }
            assertEquals(7, pool.submit(() -> 7).get(60, SECONDS), "the pool still runs tasks");
            assertFalse(pool.isFailed(), "four cancels are not four crashes (maxRestarts is 2)");
        }
    }
}
