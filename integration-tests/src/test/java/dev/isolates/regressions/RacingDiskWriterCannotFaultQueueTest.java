package dev.isolates.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.it.NoChildProcessLeftBehind;
import dev.isolates.it.SupervisorProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 6: another process that takes all free space for a moment, between a free-space
 * check and the mapped write it allowed, must not fault a mapped page (SIGBUS, or {@code InternalError:
 * a fault occurred in a recent unsafe memory access operation}) nor leave unwritten data for the
 * reader. Every page of a queue file is reserved before the queue uses it, so a write that has no
 * room fails as a send that throws. The supervisor runs as its own JVM with its sessions on a 256 MiB
 * tmpfs while an isolate streams 256 KiB messages to it and this test, with {@code fallocate},
 * takes all free space for 200 ms and gives it back, again and again.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class RacingDiskWriterCannotFaultQueueTest {
    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) corrupt (\\d+) sent (\\d+) send-failures (\\d+)");

    @TempDir
    Path scratch;
    @TempDir
    Path mountPoint;

    @Test
    void streamSurvivesAnotherProcessTakingAllFreeSpace() throws Exception {
        try (SmallTmpfs disk = SmallTmpfs.mount(mountPoint, "256m");
             SupervisorProcess supervisor = SupervisorProcess.start(FullDiskScenarios.class, "stream", mountPoint,
                     scratch, List.of())) {
            supervisor.await("streaming", Duration.ofSeconds(120));
            AtomicBoolean streaming = new AtomicBoolean(true);
            AtomicInteger fills = new AtomicInteger();
            Thread filler = new Thread(() -> fillAgainAndAgain(streaming, fills), "disk-filler");
            filler.start();
            String summary;
            try {
                summary = supervisor.await("received", Duration.ofSeconds(200));
            } finally {
                streaming.set(false);
                filler.join(30_000);
            }
            System.out.println("stream: received " + summary + "; the filler took the free space " + fills.get() + " times");
            assertTrue(fills.get() > 0, "the filler never took the free space; " + supervisor.report());
            Matcher m = SUMMARY.matcher(summary);
            assertTrue(m.find(), "the stream did not end with its summary (the supervisor's reader died?): "
                    + summary + "; " + supervisor.report());
            assertEquals("0", m.group(2), "messages arrived corrupt: " + summary);
            assertEquals(m.group(3), m.group(1), "every send that returned must arrive: " + summary);
            assertEquals(0, supervisor.awaitExit(Duration.ofSeconds(60)), "the supervisor should end normally, "
                    + "not of SIGBUS (exit code 135); " + supervisor.report());
            String report = supervisor.report();
            assertFalse(report.contains("unsafe memory access"), report);
            assertFalse(report.contains("unknown message kind"), report);
        }
    }

    /** Takes (nearly) all free space of the mount for 200 ms, gives it back for 100 ms, until told to stop. */
    private void fillAgainAndAgain(AtomicBoolean streaming, AtomicInteger fills) {
        Path fill = mountPoint.resolve("fill");
        try {
            while (streaming.get()) {
                // the stream takes space between the look and the fallocate: leave a little less when it must
                for (long slack : new long[] {0, 256 << 10, 1 << 20}) {
                    long free = Files.getFileStore(mountPoint).getUsableSpace() - slack;
                    if (free > 0 && SmallTmpfs.run("fallocate", "-l", Long.toString(free), fill.toString()).exitCode() == 0) {
                        fills.incrementAndGet();
                        break;
                    }
                }
                Thread.sleep(200);
                Files.deleteIfExists(fill);
                Thread.sleep(100);
            }
        } catch (Exception e) {
            throw new IllegalStateException("the disk filler failed", e);
        } finally {
            try {
                Files.deleteIfExists(fill);
            } catch (java.io.IOException e) {
                System.err.println("could not remove " + fill + ": " + e);
            }
        }
    }
}
