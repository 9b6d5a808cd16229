package dev.isolates.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateCrashedException;
import dev.isolates.it.NoChildProcessLeftBehind;
import dev.isolates.it.SupervisorProcess;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, items 6 and 2: a fault while the supervisor reads an isolate's mapped queue file (the
 * JVM turns the SIGBUS into {@code InternalError: a fault occurred in a recent unsafe memory access
 * operation}) must not kill the isolate's reader thread and leave its pending work waiting for ever:
 * the supervisor ends the isolate, its task fails with an {@link IsolateCrashedException} that says
 * the supervisor could not read what it sent, and the pool replaces it.
 *
 * <p>The fault is real: {@link MappedMemoryFaultSupervisorMain} runs a pool of 1 in its own JVM, and
 * its task sends a message to the main isolate; between the worker's write and the supervisor's
 * read, this test cuts the worker-to-supervisor queue file ({@code w<N>/out/*.cq4} in the session
 * directory) short of that message, so the supervisor's mapped read of its pages faults. Which side
 * faults is made certain by the order: the supervisor's JVM is stopped ({@code SIGSTOP}) before the
 * task sends and continued after the file was cut, and the task writes nothing after its send (it
 * sleeps), so the worker never touches a cut page. Cutting the file before the worker writes would
 * make the worker's own mapped write fault instead, which ends the worker, a crash like any other.
 *
 * <p>The JVM reports such a fault late: execution goes on with the value that could not be loaded,
 * and the {@code InternalError} is thrown at the thread's next safepoint in Java code (or the next
 * call into the VM from it), so the reader may first meet an exception made of that garbage (an
 * index out of bounds, an unknown message kind) and the {@code InternalError} after it. Interpreted,
 * the garbage usually reads as "no message yet", and a reader parked in native code may never be
 * thrown the error: it finds the queue file cut short when it looks at it while idle. So the first
 * test runs the supervisor with {@code -Xint}: its reader meets an {@code InternalError} every
 * time, and a reader that caught only exceptions died of it, leaving the task waiting. The
 * second runs the supervisor as users do and asserts the outcome whatever the reader met first.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class MappedMemoryFaultInReaderFailsPendingWorkTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long PAGE = 4096;

    @TempDir
    Path base;
    @TempDir
    Path scratch;

    @Test
    void faultReadingTheQueueFileFailsTheTaskWithTheInternalErrorEndsTheIsolateAndThePoolGoesOn() throws Exception {
        String met = faultTheSupervisorsRead(List.of("-Xint"));
        assertTrue(met.contains("InternalError") && met.contains("unsafe memory access"),
                "says what the supervisor met: " + met);
        assertTrue(met.contains("something cut the file short") && met.contains(" under " + base),
                "says what to look for, and where: " + met);
    }

    @Test
    void faultReadingTheQueueFileInCompiledCodeFailsTheTaskEndsTheIsolateAndThePoolGoesOn() throws Exception {
        faultTheSupervisorsRead(List.of());
    }

    /**
     * Cuts the queue file under the supervisor's read; checks that the blocked task failed, its
     * isolate ended and the next task ran. Returns what the failure says the supervisor met.
     */
    private String faultTheSupervisorsRead(List<String> supervisorJvmArgs) throws Exception {
        try (SupervisorProcess supervisor = SupervisorProcess.start(MappedMemoryFaultSupervisorMain.class, "pool",
                base, scratch, supervisorJvmArgs)) {
            long workerPid = Long.parseLong(supervisor.await("warm value", Duration.ofSeconds(120)));
            awaitFile(scratch.resolve("started"), supervisor);
            Path queueFile = theOnlyOutQueueFile(supervisor.pid());
            signal("STOP", supervisor.pid());
            long cutAt;
            try {
                Files.writeString(scratch.resolve("go"), "go");
                awaitFile(scratch.resolve("sent"), supervisor);
                long probeAt = find(queueFile, MappedMemoryFaultSupervisorMain.PROBE_MARK);
                assertTrue(probeAt > 0, "the sent message is not in " + queueFile);
                cutAt = probeAt / PAGE * PAGE;
                try (FileChannel ch = FileChannel.open(queueFile, StandardOpenOption.WRITE)) {
                    ch.truncate(cutAt);
                }
            } finally {
                signal("CONT", supervisor.pid());
            }
            String blocked = supervisor.await("blocked", Duration.ofSeconds(120));
            String message = supervisor.await("message", Duration.ofSeconds(5));
            System.out.println(supervisorJvmArgs + ": cut " + queueFile + " at " + cutAt + "; the task " + blocked + ": " + message);
            assertEquals("failed " + IsolateCrashedException.class.getName(), blocked,
                    message + "; " + supervisor.report());
            String ended = "was ended by the supervisor, which could not read what it sent: ";
            assertTrue(message.contains(ended), message + "; " + supervisor.report());
            assertFalse(ProcessHandle.of(workerPid).map(ProcessHandle::isAlive).orElse(false),
                    "the isolate (pid " + workerPid + ") should have been ended");
            assertEquals("value 7", supervisor.await("next", WAIT), "a replacement runs the next task; "
                    + supervisor.report());
            List<String> rest = supervisor.awaitEndOfOutput(WAIT);
            assertFalse(rest.stream().anyMatch(l -> l.startsWith("received")),
                    "the unreadable message must not arrive as something else: " + rest);
            assertEquals(0, supervisor.awaitExit(WAIT), supervisor.report());
            return message.substring(message.indexOf(ended) + ended.length());
        }
    }

    private Path theOnlyOutQueueFile(long supervisorPid) throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(base)) {
            files = all.filter(p -> p.getFileName().toString().endsWith(".cq4"))
                    .filter(p -> p.getParent().getFileName().toString().equals("out"))
                    .filter(p -> p.toString().contains("isolates-" + supervisorPid + "-"))
                    .collect(Collectors.toList());
        }
        assertEquals(1, files.size(), "one isolate, one worker-to-supervisor queue file: " + files);
        return files.get(0);
    }

    /** Where {@code mark} first occurs in {@code file}, or -1; read through the file, not a mapping. */
    private static long find(Path file, byte[] mark) throws IOException {
        byte[] content = Files.readAllBytes(file);
        outer:
        for (int i = 0; i + mark.length <= content.length; i++) {
            for (int j = 0; j < mark.length; j++) {
                if (content[i + j] != mark[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void awaitFile(Path file, SupervisorProcess supervisor) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " did not appear within " + WAIT.toSeconds() + " s; "
                        + supervisor.report());
            }
            Thread.sleep(10);
        }
    }

    private static void signal(String name, long pid) throws IOException, InterruptedException {
        SmallTmpfs.Result r = SmallTmpfs.run("kill", "-" + name, Long.toString(pid));
        assertEquals(0, r.exitCode(), "kill -" + name + " " + pid + ": " + r.output());
    }
}
