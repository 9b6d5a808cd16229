package dev.isolates.regressions;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.Isolate;
import dev.isolates.IsolateException;
import dev.isolates.Isolates;
import dev.isolates.it.NoChildProcessLeftBehind;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A spawn whose start throws something other than a start failure (here an unusable class-data
 * folder makes the launcher throw {@code InvalidPathException}; in the field, a JVM out of native
 * threads throws {@code OutOfMemoryError}) fails its future with what happened, instead of leaving
 * it for ever incomplete.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class SpawnWhoseStartThrowsFailsItsFutureTest {

    @Test
    void shouldFailTheSpawnFutureWhenLaunchingThrows() throws Exception {
        String property = "isolates.cds.dir";
        String before = System.getProperty(property);
        System.setProperty(property, "unusable\u0000folder");
        CompletableFuture<Isolate> spawned;
        try {
            spawned = Isolates.spawn(message -> { }, "hello");
            ExecutionException e = assertThrows(ExecutionException.class, () -> spawned.get(30, SECONDS),
                    "the spawn must fail, not hang");
            IsolateException failure = assertInstanceOf(IsolateException.class, e.getCause());
            assertTrue(failure.getMessage().contains("could not start"), failure.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
        // the next spawn, with a usable folder, starts: the failed one gave back its turn and arenas
        Isolate next = Isolates.spawn(message -> { }, "hello").get(60, SECONDS);
        next.kill();
    }
}
