package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolatePool;
import dev.isolates.PoolStats;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Health pings: an idle isolate that stops answering is hung, and is killed and replaced; a busy one is left alone. */
@ExtendWith(NoChildProcessLeftBehind.class)
class PoolHealthTest {
    private static final long WAIT = 60;
    private static final Duration PING_EVERY = Duration.ofMillis(300);
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(1);

    @Test
    void shouldReplaceIdleIsolateThatStopsAnsweringPings() throws Exception {
        try (IsolatePool pool = IsolatePool.builder().size(1).healthCheck(PING_EVERY, ANSWER_WITHIN).build()) {
            long pid = pool.submit(() -> ProcessHandle.current().pid()).get(WAIT, SECONDS);
            signal("-STOP", pid);
            try {
                long deadline = System.nanoTime() + SECONDS.toNanos(30);
                while (pool.stats().restarts() < 1 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertEquals(1, pool.stats().restarts(), "the stopped isolate should have been replaced: "
                        + pool.stats());
                assertTrue(Processes.awaitHandleNotAlive(pid, Duration.ofSeconds(10)),
                        "the hung isolate, pid " + pid + ", should have been killed");
            } finally {
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    signal("-KILL", pid); // SIGKILL ends a stopped process too
                }
            }

            long replacement = pool.submit(() -> ProcessHandle.current().pid()).get(WAIT, SECONDS);
            assertNotEquals(pid, replacement);
            PoolStats stats = pool.stats();
            assertEquals(2, stats.done(), stats.toString());
            assertEquals(0, stats.failed(), "no task was running on the hung isolate: " + stats);
        }
    }

    @Test
    void shouldNotTreatIsolateBusyWithLongTaskAsHung() throws Exception {
        try (IsolatePool pool = IsolatePool.builder().size(1).healthCheck(PING_EVERY, ANSWER_WITHIN).build()) {
            long pid = pool.submit(() -> ProcessHandle.current().pid()).get(WAIT, SECONDS);
            long busy = pool.submit(() -> {
                Thread.sleep(3 * ANSWER_WITHIN.toMillis()); // its event loop cannot answer pings meanwhile
                return ProcessHandle.current().pid();
            }).get(WAIT, SECONDS);

            assertEquals(pid, busy, "the isolate that ran the long task should be the first one");
            assertEquals(0, pool.stats().restarts(), pool.stats().toString());
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(30, SECONDS), "kill " + signal + " did not finish");
        assertEquals(0, kill.exitValue(), "kill " + signal + " " + pid + " failed");
    }
}
