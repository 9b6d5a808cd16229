package dev.isolates.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A supervisor leaves nothing behind: a normal exit removes its session directory and ends its
 * isolates; after a {@code kill -9} its isolates end by themselves and the next supervisor removes
 * the directory. Each test runs supervisors as their own JVMs, sessions under a private base.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class SupervisorCleanupTest {
    private static final Duration START = Duration.ofSeconds(90);
    /** Workers check on their supervisor five times a second; a few seconds is plenty. */
    private static final Duration WORKER_GONE = Duration.ofSeconds(10);

    @TempDir
    Path base;
    @TempDir
    Path scratch;

    @Test
    void shouldRemoveSessionDirectoryAndEndIsolatesWhenSupervisorExitsNormally() throws Exception {
        List<Long> workers = new ArrayList<>();
        Path sessionDir;
        try (SupervisorProcess supervisor = SupervisorProcess.start("exit", base, scratch)) {
            workers.add(Long.parseLong(supervisor.await("worker-pid", START)));
            workers.add(Long.parseLong(supervisor.await("worker-pid", START)));
            sessionDir = Path.of(supervisor.await("session-dir", START));
            long longRunning = Long.parseLong(supervisor.await("worker-pid", START));
            workers.add(longRunning);
            supervisor.await("ready", START);

            assertEquals(0, supervisor.awaitExit(Duration.ofSeconds(60)), supervisor.report());
            assertTrue(sessionDir.startsWith(base), sessionDir + " should be under " + base);
            assertTrue(Files.notExists(sessionDir), "session directory left behind: " + sessionDir);
            assertEquals(List.of(), sessionDirectories(), "nothing may be left under the session base");
            for (long pid : workers) {
                assertTrue(Processes.awaitGone(pid, WORKER_GONE), "isolate pid " + pid + " outlived its supervisor");
            }
        }
    }

    @Test
    void shouldEndIsolatesAndLetNextSupervisorRemoveSessionWhenSupervisorIsKilled() throws Exception {
        Path deadSession;
        long orphan;
        try (SupervisorProcess supervisor = SupervisorProcess.start("wait", base, scratch)) {
            supervisor.await("worker-pid", START);
            supervisor.await("worker-pid", START);
            deadSession = Path.of(supervisor.await("session-dir", START));
            orphan = Long.parseLong(supervisor.await("worker-pid", START));
            supervisor.await("ready", START);
            assertTrue(Processes.isRunning(orphan), "the long-running isolate should run before the kill");

            assertEquals(128 + 9, supervisor.killHard(), "the supervisor should die of SIGKILL");
        }

        assertTrue(Processes.awaitGone(orphan, WORKER_GONE),
                "isolate pid " + orphan + " still runs " + WORKER_GONE.toSeconds() + " s after its supervisor was killed");
        assertTrue(Files.isDirectory(deadSession), "a killed supervisor cannot remove its own directory: " + deadSession);

        try (SupervisorProcess next = SupervisorProcess.start("once", base, scratch)) {
            next.await("done", START);
            assertEquals(0, next.awaitExit(Duration.ofSeconds(60)), next.report());
        }
        assertTrue(Files.notExists(deadSession), "the next supervisor should remove the dead one's " + deadSession);
        assertEquals(List.of(), sessionDirectories(), "nothing may be left under the session base");
    }

    private List<Path> sessionDirectories() throws Exception {
        try (Stream<Path> entries = Files.list(base)) {
            return entries.collect(Collectors.toList());
        }
    }
}
