package dev.isolates.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.isolates.DiskFullException;
import dev.isolates.it.NoChildProcessLeftBehind;
import dev.isolates.it.SupervisorProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task prefetched to a busy isolate that cannot be written for want of room fails with
 * {@link DiskFullException}; the task the isolate is running still completes with its value. The
 * isolate is retired only once it has answered, not asked to end at once and killed 5 s later
 * with the running task in it.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class PrefetchedTaskTooLargeLeavesRunningTaskAloneTest {
    private static final Duration OUTCOME = Duration.ofSeconds(150);

    @TempDir
    Path scratch;
    @TempDir
    Path mountPoint;

    @Test
    void runningTaskCompletesWhenThePrefetchedOneDoesNotFit() throws Exception {
        try (SmallTmpfs disk = SmallTmpfs.mount(mountPoint, "64m");
             SupervisorProcess supervisor = SupervisorProcess.start(FullDiskScenarios.class, "prefetched-large-task",
                     mountPoint, scratch, List.of())) {
            assertEquals("failed " + DiskFullException.class.getName(), supervisor.await("prefetched-large", OUTCOME),
                    supervisor.report());
            assertEquals("value slow", supervisor.await("running-slow", OUTCOME),
                    "the running task must not be lost; " + supervisor.report());
            assertEquals(0, supervisor.awaitExit(Duration.ofSeconds(60)), supervisor.report());
        }
    }
}
