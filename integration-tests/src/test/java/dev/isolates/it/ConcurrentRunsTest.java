package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.isolates.Isolates;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many calls at once each get their own isolate and their own answer. */
@ExtendWith(NoChildProcessLeftBehind.class)
class ConcurrentRunsTest {
    private static final int CALLS = 20;

    @Test
    void shouldAnswerTwentyConcurrentRunsEachWithItsOwnResult() throws Exception {
        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            int index = i;
            futures.add(Isolates.run(() -> index * 2));
        }

        // 20 JVM starts share 2 cores here: a generous bound, still a bound.
        CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get(180, SECONDS);
        for (int i = 0; i < CALLS; i++) {
            assertEquals(i * 2, futures.get(i).get(1, SECONDS), "call " + i);
        }
    }
}
