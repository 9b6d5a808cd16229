package dev.isolates.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateExit;
import dev.isolates.protocol.ExitNotice;
import dev.isolates.protocol.ExitReason;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the supervisor tells a caller to do about each way an isolate ends. */
class ExitAdviceTest {
    @Test
    void shouldPointAtTheFileSystemForADiskFullEnd() {
        IsolateExit exit = ExitClassifier.classify(ExitReason.DISK_FULL.code(), null, false,
                List.of(ExitReason.DISK_FULL.stderrMark() + "/dev/shm/isolates-1/w1/q: needs 4096 bytes, 0 free"));
        assertEquals("disk full", exit.reason());
        String advice = ExitClassifier.advice(exit.reason(), exit.exitCode());
        assertTrue(advice.contains("isolate: disk full:"), advice);
        assertTrue(advice.contains("-Disolates"), advice);
    }

    @Test
    void shouldNotCallAnExit93ADiskFullEndWithoutItsMark() {
        assertEquals("Runtime.halt", ExitClassifier.classify(ExitReason.DISK_FULL.code(), null, false,
                List.of("some output")).reason());
    }

    @Test
    void shouldAdviseOnAMessageTheSupervisorCouldNotRead() {
        IsolateExit exit = ExitClassifier.unreadable(137);
        assertEquals("unreadable message", exit.reason());
        assertEquals(9, exit.signal().orElseThrow());
        assertTrue(ExitClassifier.advice(exit.reason(), exit.exitCode()).contains("nest messages less than"));
        assertTrue(ExitClassifier.unreadableAdvice(new IllegalStateException("x"), Path.of("/tmp/w1"))
                .contains("nest messages less than"));
    }

    @Test
    void shouldNameTheSessionDirectoryWhenAPageOfASharedFileCouldNotBeRead() {
        String advice = ExitClassifier.unreadableAdvice(new RuntimeException(
                new InternalError("a fault occurred in an unsafe memory access")), Path.of("/dev/shm/isolates-1/w1"));
        assertTrue(advice.contains("/dev/shm/isolates-1/w1"), advice);
    }

    @Test
    void shouldTakeTheWorkersNoticeOverEverythingElse() {
        IsolateExit exit = ExitClassifier.classify(ExitReason.UNCAUGHT_ERROR.code(),
                new ExitNotice(ExitReason.UNCAUGHT_ERROR.text("IllegalStateException"), ""), false,
                List.of("java.lang.OutOfMemoryError in some output"));
        assertEquals("uncaught IllegalStateException", exit.reason());
        assertEquals("", ExitClassifier.advice(exit.reason(), exit.exitCode()));
    }

    @Test
    void shouldGiveNoAdviceForASignalOtherThanSigkillNorForAnUnknownReason() {
        assertEquals("", ExitClassifier.advice("SIGTERM", 143));
        assertEquals("", ExitClassifier.advice("signal 40", 168));
        assertEquals("", ExitClassifier.advice("no such reason", 1));
    }

    @Test
    void shouldCallOnlyTheEndsOfAHealthyIsolateNormal() {
        assertTrue(ExitClassifier.isNormal("completed"));
        assertTrue(ExitClassifier.isNormal("Isolate.exit"));
        assertTrue(ExitClassifier.isNormal("killed"));
        assertFalse(ExitClassifier.isNormal("System.exit"));
        assertFalse(ExitClassifier.isNormal("uncaught IllegalStateException"));
        assertFalse(ExitClassifier.isNormal("no such reason"));
    }

    @Test
    void shouldAdviseOnAHeapThatRanOutWhateverSaidSo() {
        assertTrue(ExitClassifier.advice(ExitReason.OUT_OF_MEMORY.text(), 98).contains("maxHeap"));
        assertTrue(ExitClassifier.advice(ExitReason.SUPERVISOR_GONE.text(), 97).contains("supervisor"));
    }
}
