package dev.isolates.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.it.Processes;
import dev.isolates.it.SupervisorProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A computation that interrupts every thread of its JVM cannot stop its isolate's watch on the
 * supervisor: after a {@code kill -9} of the supervisor, the isolate still ends by itself.
 */
class ParentWatchIgnoresInterruptsTest {
    private static final Duration START = Duration.ofSeconds(90);
    /** Workers check on their supervisor five times a second; a few seconds is plenty. */
    private static final Duration WORKER_GONE = Duration.ofSeconds(10);

    @TempDir
    Path base;
    @TempDir
    Path scratch;

    @Test
    void shouldEndIsolateWhoseTaskInterruptsEveryThreadWhenSupervisorIsKilled() throws Exception {
        long worker = -1;
        try {
            try (SupervisorProcess supervisor = SupervisorProcess.start(RegressionSupervisorMain.class,
                    "interrupting-task", base, scratch, List.of(), null)) {
                worker = Long.parseLong(supervisor.await("worker-pid", START));
                supervisor.await("ready", START);
                assertTrue(Processes.isRunning(worker), "the isolate should run before the kill");
                Thread.sleep(500); // a few rounds of interrupts, each able to end a watch that gives up on them

                assertEquals(128 + 9, supervisor.killHard(), "the supervisor should die of SIGKILL");
            }
            assertTrue(Processes.awaitGone(worker, WORKER_GONE), "isolate pid " + worker + " still runs "
                    + WORKER_GONE.toSeconds() + " s after its supervisor was killed, its task having interrupted "
                    + "every thread");
        } finally {
            if (worker > 0) {
                ProcessHandle.of(worker).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
