package dev.isolates.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.it.SupervisorProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an isolate's JVM prints about its own death (the out-of-memory lines, the fatal-error banner)
 * never reaches the stdout of the program that embeds the library, which is that program's own; it
 * goes into the crash report, and is not echoed to stderr besides.
 */
class WorkerDeathOutputStaysOffStdoutTest {
    private static final Duration RUN = Duration.ofSeconds(180);
    private static final List<String> WORDS = List.of("outcome ", "pid ", "crash-report ", "crash-report-exists ",
            "message ", "done");

    @TempDir
    Path base;
    @TempDir
    Path scratch;

    @Test
    void shouldKeepOutOfMemoryAndCrashBannersOffTheCallersStdout() throws Exception {
        List<String> stdout;
        String stderr;
        try (SupervisorProcess supervisor = SupervisorProcess.start(RegressionSupervisorMain.class, "deaths", base,
                scratch, List.of(), null)) {
            stdout = supervisor.awaitEndOfOutput(RUN);
            assertEquals(0, supervisor.awaitExit(RUN), supervisor.report());
            stderr = supervisor.stderr();
        }
        List<String> foreign = stdout.stream().filter(l -> WORDS.stream().noneMatch(l::startsWith)).toList();
        assertEquals(List.of(), foreign, "only the program's own lines may be on its stdout; all of it: " + stdout);
        assertEquals("OutOfMemoryError", fact(stdout, "outcome oom"), stdout.toString());
        assertEquals("JVM crash (SIGSEGV)", fact(stdout, "outcome segv"), stdout.toString());
        assertTrue(fact(stdout, "message oom").contains("java.lang.OutOfMemoryError: Java heap space"),
                "the crash report should hold the JVM's words: " + fact(stdout, "message oom"));
        assertTrue(fact(stdout, "message segv").contains("Problematic frame"),
                "the crash report should hold the JVM's banner: " + fact(stdout, "message segv"));

        List<String> deathLines = stderr.lines()
                .filter(l -> l.startsWith("#") || l.contains("java.lang.OutOfMemoryError")).toList();
        assertEquals(List.of(), deathLines, "the JVM's death output belongs in the crash report, not echoed to "
                + "stderr; stderr: " + stderr);
        assertTrue(Files.notExists(base) || isEmpty(base), "the session directory should be gone");
    }

    /** What follows {@code key} on the line that starts with it. */
    static String fact(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key + " ")).map(l -> l.substring(key.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError("no line \"" + key + " ...\" in " + lines));
    }

    private static boolean isEmpty(Path dir) throws Exception {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
