package dev.isolates.regressions;

import static dev.isolates.regressions.WorkerDeathOutputStaysOffStdoutTest.fact;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.it.SupervisorProcess;
import dev.isolates.launcher.ClassDataArchive;
import dev.isolates.protocol.SessionDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever stage a process died in, what it left is removed by the next run: a session directory
 * made by a supervisor killed before it wrote its owner file, class-data dumps cut short by a kill,
 * and a crashed isolate's JVM report, which goes into the session directory, not the supervisor's
 * working directory.
 */
class CrashedAndKilledRunsLeaveNothingBehindTest {
    private static final Duration RUN = Duration.ofSeconds(180);

    @TempDir
    Path base;
    @TempDir
    Path scratch;

    @Test
    void shouldRemoveSessionDirectoryOfDeadSupervisorThatHadNoOwnerFileYet() throws Exception {
        long dead = deadPid();
        Path leftover = Files.createDirectory(base.resolve("isolates-" + dead + "-8127465512"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.createDirectory(leftover.resolve("w1"));
        Path live = Files.createDirectory(base.resolve("isolates-" + ProcessHandle.current().pid() + "-9928"));

        String before = System.getProperty(SessionDirectory.BASE_PROPERTY);
        System.setProperty(SessionDirectory.BASE_PROPERTY, base.toString());
        try (SessionDirectory next = SessionDirectory.create()) {
            assertFalse(Files.exists(leftover), "the next supervisor's directory creation should remove " + leftover);
            assertTrue(Files.isDirectory(live), "a live process's directory, owner file or not, stays: " + live);
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(next.path())));
        } finally {
            restore(SessionDirectory.BASE_PROPERTY, before);
        }
    }

    @Test
    void shouldRemoveClassDataDumpsOfDeadOrReusedPids() throws Exception {
        Path cds = Files.createDirectory(scratch.resolve("cds"));
        Path ofDead = Files.write(cds.resolve("0123456789abcdef01234567.jsa.dump-" + deadPid() + "-1"), new byte[4096]);
        long self = ProcessHandle.current().pid();
        Path ofLive = Files.write(cds.resolve("0123456789abcdef01234567.jsa.dump-" + self + "-77"), new byte[4096]);
        // older than this JVM: its pid's earlier owner made it
        Path ofReused = Files.write(cds.resolve("89abcdef0123456789abcdef.jsa.dump-" + self + "-1"), new byte[4096]);
        long started = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
        Files.setLastModifiedTime(ofReused, FileTime.fromMillis(started - 3_600_000));

        String before = System.getProperty(ClassDataArchive.DIRECTORY_PROPERTY);
        System.setProperty(ClassDataArchive.DIRECTORY_PROPERTY, cds.toString());
        try {
            ClassDataArchive.plan(List.of("-Xshare:auto"), System.getProperty("java.class.path"));
        } finally {
            restore(ClassDataArchive.DIRECTORY_PROPERTY, before);
        }
        assertFalse(Files.exists(ofDead), "a dump of a dead process should be removed: " + ofDead);
        assertFalse(Files.exists(ofReused), "a dump older than the process with its pid should be removed: " + ofReused);
        assertTrue(Files.exists(ofLive), "a dump this live JVM may still be making stays: " + ofLive);
    }

    @Test
    void shouldWriteCrashedIsolatesReportIntoSessionDirectoryAndNameIt() throws Exception {
        Path workingDirectory = Files.createDirectory(scratch.resolve("cwd"));
        List<String> stdout;
        try (SupervisorProcess supervisor = SupervisorProcess.start(RegressionSupervisorMain.class, "deaths", base,
                scratch, List.of(), workingDirectory)) {
            stdout = supervisor.awaitEndOfOutput(RUN);
            assertEquals(0, supervisor.awaitExit(RUN), supervisor.report());
        }
        assertEquals("JVM crash (SIGSEGV)", fact(stdout, "outcome segv"), stdout.toString());
        long pid = Long.parseLong(fact(stdout, "pid segv"));
        Path report = Path.of(fact(stdout, "crash-report segv"));
        assertTrue(report.startsWith(base), "the report should be in the session directory under " + base + ": "
                + report);
        assertEquals("true", fact(stdout, "crash-report-exists segv"), "the report should exist while its "
                + "supervisor runs: " + report);
        assertTrue(fact(stdout, "message segv").contains("Problematic frame"), fact(stdout, "message segv"));
        assertTrue(fact(stdout, "message segv").contains(report.toString()), "the message should name the report: "
                + fact(stdout, "message segv"));
        assertEquals("none", fact(stdout, "crash-report oom"), "an out-of-memory exit writes no report");
        try (Stream<Path> files = Files.list(workingDirectory)) {
            assertEquals(List.of(), files.toList(), "nothing may land in the supervisor's working directory");
        }
        assertFalse(Files.exists(Path.of("/tmp", "hs_err_pid" + pid + ".log")), "nor in /tmp");
        try (Stream<Path> left = Files.list(base)) {
            assertEquals(List.of(), left.toList(), "the session directory, report included, goes at exit");
        }
    }

    /** The pid of a process that has ended. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
