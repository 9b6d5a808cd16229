package dev.isolates.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk under the session directory gives a clear error, never a SIGBUS: a mapped queue on a
 * file system without room kills its JVM when a write faults (Chronicle-Queue issues 1282 and 605).
 * The supervisor runs as its own JVM with its sessions on a small tmpfs: 12 MiB, too small for an
 * isolate's queues, or 40 MiB, room to start but not for what the tasks carry. Mounting needs root,
 * which this project's test machine is.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class FullDiskTest {
    private static final Duration OUTCOME = Duration.ofSeconds(120);

    @TempDir
    Path scratch;
    @TempDir
    Path mountPoint;
    private boolean mounted;

    private void mountTmpfs(String size) throws Exception {
        String output = command("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mountPoint.toString());
        if (!output.isEmpty()) {
            fail("this test needs a small tmpfs at " + mountPoint + " (run as root), but mount failed: " + output);
        }
        mounted = true;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            String output = command("umount", mountPoint.toString());
            assertEquals("", output, "umount " + mountPoint + " failed");
            mounted = false;
        }
    }

    @Test
    void shouldFailRunWithClearErrorWhenSessionFileSystemHasNoRoomForQueues() throws Exception {
        mountTmpfs("12m");
        try (SupervisorProcess supervisor = SupervisorProcess.start("run-outcome", mountPoint, scratch)) {
            String outcome = supervisor.await("outcome", OUTCOME);
            String message = message(supervisor);

            assertEquals("failed dev.isolates.IsolateStartException", outcome, message);
            assertSaysNoRoom(message);
            assertExitsNormally(supervisor);
        }
    }

    @Test
    void shouldFailPoolTaskTooLargeForSessionFileSystemAndGoOn() throws Exception {
        mountTmpfs("40m");
        try (SupervisorProcess supervisor = SupervisorProcess.start("pool-large-task", mountPoint, scratch)) {
            String large = supervisor.await("large", OUTCOME);
            String message = message(supervisor);
            String small = supervisor.await("small", OUTCOME);

            assertEquals("failed dev.isolates.DiskFullException", large, "the 24 MiB task should fail with a "
                    + "DiskFullException: " + message);
            assertSaysNoRoom(message);
            assertEquals("value 7", small, "the pool should go on after the task that did not fit");
            assertExitsNormally(supervisor);
        }
    }

    @Test
    void shouldFailPoolTaskWithClearErrorWhenQueueFillsSessionFileSystem() throws Exception {
        mountTmpfs("40m");
        try (SupervisorProcess supervisor = SupervisorProcess.start("pool-traffic", mountPoint, scratch)) {
            // 200 tasks of 512 KiB go inline through the queue: 100 MiB, more than the 40 MiB there
            String traffic = supervisor.await("traffic", OUTCOME);
            String message = message(supervisor);
            String small = supervisor.await("small", OUTCOME);

            assertEquals("failed dev.isolates.DiskFullException", traffic, message);
            assertSaysNoRoom(message);
            assertEquals("value 7", small, "the pool should go on after the task that did not fit");
            assertExitsNormally(supervisor);
        }
    }

    private static String message(SupervisorProcess supervisor) throws InterruptedException {
        return supervisor.await("message", Duration.ofSeconds(10)).replace("\\n", "\n");
    }

    private void assertSaysNoRoom(String message) {
        assertTrue(message.contains("not enough free space"), "the message should say why: " + message);
        assertTrue(message.contains(mountPoint.toString()), "the message should name where: " + message);
    }

    private static void assertExitsNormally(SupervisorProcess supervisor) throws InterruptedException {
        int exitCode = supervisor.awaitExit(Duration.ofSeconds(60));
        assertEquals(0, exitCode, "the supervisor should end normally, not of SIGBUS (exit code 135); "
                + supervisor.report());
    }

    /** Runs a command; returns its output when it failed, empty when it succeeded. */
    private static String command(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return String.join(" ", command) + " did not finish within 30 s";
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return p.exitValue() == 0 ? "" : String.join(" ", command) + " exited with " + p.exitValue() + ": " + output;
    }
}
