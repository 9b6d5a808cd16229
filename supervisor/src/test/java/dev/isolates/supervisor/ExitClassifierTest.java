package dev.isolates.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateExit;
import dev.isolates.protocol.ExitNotice;
import dev.isolates.protocol.ExitReason;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ExitClassifierTest {
    private static final List<String> HS_ERR = List.of(
            "#",
            "# A fatal error has been detected by the Java Runtime Environment:",
            "#",
            "#  SIGSEGV (0xb) at pc=0x00007f3a5c0e1b2c, pid=4211, tid=4212",
            "#",
            "# JRE version: OpenJDK Runtime Environment (17.0.15+6) (build 17.0.15+6-Debian-1deb12u1)",
            "# Problematic frame:",
            "# C  [libc.so.6+0x15fb2c]",
            "#",
            "# An error report file with more information is saved as:",
            "# /tmp/hs_err_pid4211.log");

    @Test
    void shouldNameSigkillFromExitCode137() {
        IsolateExit exit = ExitClassifier.classify(137, null, false, List.of());
        assertEquals(137, exit.exitCode());
        assertEquals(OptionalInt.of(9), exit.signal());
        assertEquals("SIGKILL", exit.reason());
    }

    @Test
    void shouldNameOtherSignals() {
        assertEquals("SIGTERM", ExitClassifier.classify(143, null, false, List.of()).reason());
        IsolateExit unnamed = ExitClassifier.classify(128 + 40, null, false, List.of());
        assertEquals(OptionalInt.of(40), unnamed.signal());
        assertEquals("signal 40", unnamed.reason());
    }

    @Test
    void shouldPreferWorkersOwnNotice() {
        List<String> stderr = List.of("Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space");
        IsolateExit exit = ExitClassifier.classify(7, new ExitNotice("System.exit", ""), false, stderr);
        assertEquals("System.exit", exit.reason());
        assertEquals(7, exit.exitCode());
        assertEquals(OptionalInt.empty(), exit.signal());
    }

    @Test
    void shouldRecogniseOutOfMemoryFromStderr() {
        List<String> stderr = List.of("Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space",
                "\tat Hog.call(Hog.java:9)");
        assertEquals("OutOfMemoryError", ExitClassifier.classify(1, null, false, stderr).reason());
    }

    @Test
    void shouldRecogniseExitOnOutOfMemoryErrorByTheJvmsLineKeptFromItsStdout() {
        // -XX:+ExitOnOutOfMemoryError exits with 3 and writes its line to stdout, which WorkerStdout keeps in the tail
        IsolateExit exit = ExitClassifier.classify(ExitReason.OUT_OF_MEMORY.code(), null, false,
                List.of("Terminating due to java.lang.OutOfMemoryError: Java heap space"));
        assertEquals("OutOfMemoryError", exit.reason());
    }

    @Test
    void shouldNotMistakeRuntimeHaltWithExitCodeThreeForOutOfMemory() {
        IsolateExit exit = ExitClassifier.classify(ExitReason.OUT_OF_MEMORY.code(), null, false, List.of());
        assertEquals("Runtime.halt", exit.reason());
    }

    @Test
    void shouldNameCrashSignalFromHsErrText() {
        IsolateExit exit = ExitClassifier.classify(134, null, false, HS_ERR);
        assertEquals("JVM crash (SIGSEGV)", exit.reason());
        assertEquals(OptionalInt.of(6), exit.signal());
    }

    @Test
    void shouldSayJvmCrashWithoutSignalLine() {
        assertEquals("JVM crash", ExitClassifier.classify(134, null, false, HS_ERR.subList(0, 3)).reason());
    }

    @Test
    void shouldCallOrderlyZeroExitCompleted() {
        IsolateExit exit = ExitClassifier.classify(0, null, true, List.of());
        assertEquals(ExitReason.COMPLETED.text(), exit.reason());
        assertEquals(OptionalInt.empty(), exit.signal());
    }

    @Test
    void shouldCallUnexplainedExitRuntimeHalt() {
        assertEquals("Runtime.halt", ExitClassifier.classify(5, null, false, List.of("some output")).reason());
        assertEquals("Runtime.halt", ExitClassifier.classify(0, null, false, List.of()).reason(),
                "exit 0 that nobody asked for");
        assertEquals("Runtime.halt", ExitClassifier.classify(1, null, true, List.of()).reason(),
                "asked to end, but did not end cleanly");
    }

    @Test
    void shouldNameLauncherExitCodes() {
        assertEquals("supervisor gone",
                ExitClassifier.classify(ExitReason.SUPERVISOR_GONE.code(), null, true, List.of()).reason());
        assertEquals("worker bootstrap failed", ExitClassifier.classify(ExitReason.BOOTSTRAP_FAILED.code(), null, false,
                List.of(ExitReason.BOOTSTRAP_FAILED.stderrMark() + "isolate w1: java.lang.IllegalStateException")).reason());
    }

    @Test
    void shouldNameTheCodesOwnHaltWithALauncherExitCodeAsRuntimeHalt() {
        assertEquals("Runtime.halt",
                ExitClassifier.classify(ExitReason.SUPERVISOR_GONE.code(), null, false, List.of()).reason());
        assertEquals("Runtime.halt",
                ExitClassifier.classify(ExitReason.BOOTSTRAP_FAILED.code(), null, false, List.of("some output")).reason());
    }

    @Test
    void shouldAdviseOnEachKnownReason() {
        assertTrue(ExitClassifier.advice("OutOfMemoryError", 3).contains("maxHeap"));
        assertTrue(ExitClassifier.advice("System.exit", 7).contains("System.exit(7)"));
        assertTrue(ExitClassifier.advice("StackOverflowError", 98).contains("-Xss"));
        assertTrue(ExitClassifier.advice("SIGKILL", 137).contains("kill -9"));
        assertTrue(ExitClassifier.advice("JVM crash (SIGSEGV)", 134).contains("hs_err"));
        assertEquals("", ExitClassifier.advice("completed", 0));
    }
}
