package dev.isolates.regressions;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateException;
import dev.isolates.IsolateOptions;
import dev.isolates.IsolatePool;
import dev.isolates.Isolates;
import dev.isolates.UnsendableException;
import dev.isolates.it.NoChildProcessLeftBehind;
import dev.isolates.it.SupervisorProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 2: an {@link Error} while the supervisor decoded a reply (out of heap for a large
 * array, a stack overflow for a deeply nested list) killed the isolate's reader thread: the call
 * never completed and later messages were lost. Now the call fails with an {@link IsolateException}
 * saying what happened, the isolate ends and a pool replaces it; nesting and, for untrusted
 * isolates, size have explicit limits.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class ReplyDecodingErrorFailsCallTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Room for the supervisor's own start, not for a reply of {@link UnreadableReplySupervisorMain#LARGE}. */
    private static final List<String> SMALL_HEAP = List.of("-Xmx96m");

    @TempDir
    Path base;
    @TempDir
    Path scratch;

    private void assertLargeFailsAndSmallRuns(String mode) throws Exception {
        try (SupervisorProcess supervisor = SupervisorProcess.start(UnreadableReplySupervisorMain.class, mode, base,
                scratch, SMALL_HEAP)) {
            String large = supervisor.await("large", Duration.ofSeconds(180));
            String message = supervisor.await("message", Duration.ofSeconds(5));
            assertEquals("failed " + IsolateException.class.getName(), large, message + "; " + supervisor.report());
            assertTrue(message.contains("OutOfMemoryError") && message.contains("bytes"),
                    "says what happened, and how large the reply was: " + message);
            assertEquals("value 7", supervisor.await("small", Duration.ofSeconds(120)), supervisor.report());
            supervisor.await("done", Duration.ofSeconds(60));
            assertEquals(0, supervisor.awaitExit(Duration.ofSeconds(60)), supervisor.report());
        }
    }

    @Test
    void shouldFailARunWhoseReplyTheSupervisorHasNoHeapFor() throws Exception {
        assertLargeFailsAndSmallRuns("run");
    }

    @Test
    void shouldFailThePoolTaskAndReplaceItsIsolateWhenItsReplyHasNoHeap() throws Exception {
        assertLargeFailsAndSmallRuns("pool");
    }

    static Object nested(int depth) {
        Object o = "leaf";
        for (int i = 0; i < depth; i++) {
            List<Object> l = new ArrayList<>();
            l.add(o);
            o = l;
        }
        return o;
    }

    @Test
    void shouldRefuseAResultNestedDeeperThanTheLimitAndGoOn() throws Exception {
        try (IsolatePool pool = IsolatePool.create(1)) {
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> pool.submit(() -> nested(5_000)).get(WAIT.toSeconds(), SECONDS));
            UnsendableException refused = assertInstanceOf(UnsendableException.class, e.getCause());
            assertTrue(refused.getMessage().contains("deeper than 1000"), refused.getMessage());
            assertEquals(nested(100), pool.submit(() -> nested(100)).get(WAIT.toSeconds(), SECONDS));
        }
    }

    @Test
    void shouldRefuseATaskNestedDeeperThanTheLimitBeforeItIsSent() {
        Object deep = nested(5_000);
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> Isolates.run(() -> deep.hashCode()).get(WAIT.toSeconds(), SECONDS));
        UnsendableException refused = assertInstanceOf(UnsendableException.class, e.getCause());
        assertTrue(refused.getMessage().contains("deeper than 1000"), refused.getMessage());
    }

    @Test
    void shouldRefuseAnUntrustedReplyOverItsMessageSizeLimit() throws Exception {
        IsolateOptions limited = IsolateOptions.builder().untrusted(true).maxMessageSize(1 << 20).build();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> Isolates.run(() -> new byte[2 << 20], limited).get(WAIT.toSeconds(), SECONDS));
        IsolateException failed = assertInstanceOf(IsolateException.class, e.getCause());
        assertTrue(failed.getMessage().contains("over the limit of 1048576 bytes")
                && failed.getMessage().contains("maxMessageSize"), failed.getMessage());
        assertEquals(512 << 10, Isolates.run(() -> new byte[512 << 10], limited).get(WAIT.toSeconds(), SECONDS).length);
    }

    @Test
    void shouldLimitUntrustedRepliesByDefaultButNotTrustedOnes() {
        assertEquals(IsolateOptions.UNTRUSTED_MAX_MESSAGE_SIZE,
                IsolateOptions.builder().untrusted(true).build().maxMessageSize());
        assertEquals(64L << 20, IsolateOptions.UNTRUSTED_MAX_MESSAGE_SIZE);
        assertEquals(Long.MAX_VALUE, IsolateOptions.defaults().maxMessageSize());
    }
}
