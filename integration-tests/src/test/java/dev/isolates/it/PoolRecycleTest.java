package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolatePool;
import dev.isolates.RestartPolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An isolate's queue files only grow; the pool replaces one whose queues grew large, losing nothing. */
@ExtendWith(NoChildProcessLeftBehind.class)
class PoolRecycleTest {
    private static final String PROPERTY = "isolates.pool.maxQueueBytes";

    @AfterEach
    void clearProperty() {
        System.clearProperty(PROPERTY);
    }

    @Test
    void shouldReplaceAnIsolateWhoseQueuesGrewPastTheLimitWithoutLosingATask() throws Exception {
        System.setProperty(PROPERTY, Integer.toString(200_000));
        try (IsolatePool pool = IsolatePool.builder().size(1).prefetch(true).restart(RestartPolicy.NEVER).build()) {
            List<CompletableFuture<String>> results = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                int n = i;
                results.add(pool.submit(() -> ProcessHandle.current().pid() + ":" + n + ":" + "x".repeat(10_000)));
            }
            Set<String> pids = new LinkedHashSet<>();
            for (int i = 0; i < results.size(); i++) {
                String[] parts = results.get(i).get(60, SECONDS).split(":");
                assertEquals(Integer.toString(i), parts[1], "task " + i + " answered in order");
                pids.add(parts[0]);
            }
            // 60 answers of 10 KB: about 600 KB through queues allowed 200 KB, so at least 3 isolates
            assertTrue(pids.size() >= 3, "isolates that ran the tasks: " + pids);
            assertEquals(60, pool.stats().done());
            assertEquals(0, pool.stats().failed());
            assertEquals(1, pool.stats().alive(), "replaced even under RestartPolicy.NEVER: " + pool.stats());
        }
    }
}
