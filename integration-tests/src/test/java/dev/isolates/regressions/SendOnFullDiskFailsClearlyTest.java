package dev.isolates.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Issue 10, item 5: on a full disk a send that cannot be written throws, saying where and how much;
 * it is never dropped while its isolate lives. The supervisor runs as its own JVM with its sessions
 * on a 64 MiB tmpfs; {@link FullDiskScenarios} floods a queue with 512 KiB messages, or sends a
 * task larger than the whole file system.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class SendOnFullDiskFailsClearlyTest {
    private static final Duration OUTCOME = Duration.ofSeconds(150);

    @TempDir
    Path scratch;
    @TempDir
    Path mountPoint;

    @Test
    void sendFromMainToPausedIsolateThrowsInsteadOfDroppingWhenDiskIsFull() throws Exception {
        try (SmallTmpfs disk = SmallTmpfs.mount(mountPoint, "64m");
             SupervisorProcess supervisor = start("paused-flood")) {
            int sent = Integer.parseInt(supervisor.await("sent", OUTCOME));
            assertTrue(sent < 400, "400 sends of 512 KiB cannot all fit in 64 MiB, yet all returned; "
                    + supervisor.report());
            String failure = supervisor.await("send-failed", OUTCOME);
            String message = supervisor.await("message", OUTCOME);
            assertTrue(failure.startsWith("dev.isolates."), "the send should throw an IsolateException: " + failure);
            assertSaysNoRoom(message);
            int received = Integer.parseInt(supervisor.await("received", OUTCOME));
            System.out.println("paused-flood: " + sent + " sends returned, the isolate received " + received
                    + "; the next send threw " + failure + ": " + message);
            assertEquals(sent, received, "every send that returned must reach the isolate; " + supervisor.report());
            assertEquals(0, supervisor.awaitExit(Duration.ofSeconds(60)), supervisor.report());
        }
    }

    @Test
    void computationWhoseSendHitsFullDiskSeesWhyAndCallerLearnsDiskFull() throws Exception {
        try (SmallTmpfs disk = SmallTmpfs.mount(mountPoint, "64m");
             SupervisorProcess supervisor = start("run-flood")) {
            String taskSaw = supervisor.await("task-saw", OUTCOME);
            assertTrue(taskSaw.startsWith("dev.isolates."), "the computation's send should throw an "
                    + "IsolateException: " + taskSaw);
            assertSaysNoRoom(taskSaw);
            String outcome = supervisor.await("outcome", OUTCOME);
            String message = supervisor.await("message", OUTCOME);
            System.out.println("run-flood: the computation saw " + taskSaw + "; the caller got " + outcome + ": " + message);
            assertTrue(outcome.startsWith("failed dev.isolates."), outcome + " " + message);
            assertSaysNoRoom(message);
            assertEquals(0, supervisor.awaitExit(Duration.ofSeconds(60)), supervisor.report());
        }
    }

    @Test
    void spawnedIsolateThatDiesOfFullDiskEndsWithReasonDiskFull() throws Exception {
        try (SmallTmpfs disk = SmallTmpfs.mount(mountPoint, "64m");
             SupervisorProcess supervisor = start("spawn-flood")) {
            String reason = supervisor.await("exit", OUTCOME);
            System.out.println("spawn-flood: the isolate ended with reason " + reason);
            assertEquals("disk full", reason, "not Runtime.halt; " + supervisor.report());
            assertEquals(0, supervisor.awaitExit(Duration.ofSeconds(60)), supervisor.report());
        }
    }

    @Test
    void poolTaskOrComputationTooLargeForTheDiskFailsWithDiskFullAndTheNextRuns() throws Exception {
        try (SmallTmpfs disk = SmallTmpfs.mount(mountPoint, "64m");
             SupervisorProcess supervisor = start("large-tasks")) {
            for (String caller : List.of("pool", "run")) {
                String large = supervisor.await(caller + "-large", OUTCOME);
                String message = supervisor.await("message", OUTCOME);
                System.out.println("large-tasks: the " + caller + "'s large task " + large + ": " + message);
                assertEquals("failed " + DiskFullException.class.getName(), large, message + "; " + supervisor.report());
                assertSaysNoRoom(message);
                String[] facts = supervisor.await("disk-full", OUTCOME).split(" ");
                assertTrue(Path.of(facts[0]).startsWith(mountPoint), "path() names where: " + facts[0]);
                long needed = Long.parseLong(facts[1]);
                long available = Long.parseLong(facts[2]);
                assertTrue(needed > available && needed >= FullDiskScenarios.LARGE_TASK,
                        "needed() " + needed + " and available() " + available + " say why");
                assertEquals("value 7", supervisor.await(caller + "-small", OUTCOME),
                        "a small task runs after it; " + supervisor.report());
            }
            assertEquals(0, supervisor.awaitExit(Duration.ofSeconds(60)), supervisor.report());
        }
    }

    private SupervisorProcess start(String mode) throws java.io.IOException {
        return SupervisorProcess.start(FullDiskScenarios.class, mode, mountPoint, scratch, List.of());
    }

    private void assertSaysNoRoom(String message) {
        assertTrue(message.contains("not enough free space"), "the message should say why: " + message);
        assertTrue(message.contains(mountPoint.toString()), "the message should name where: " + message);
    }
}
