package dev.isolates.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ExitReasonTest {
    @Test
    void shouldKeepTheExitCodesWorkersHaveAlwaysUsed() {
        assertEquals(0, ExitReason.COMPLETED.code());
        assertEquals(0, ExitReason.ISOLATE_EXIT.code());
        assertEquals(95, ExitReason.KILLED.code());
        assertEquals(94, ExitReason.UNCAUGHT_ERROR.code());
        assertEquals(98, ExitReason.STACK_OVERFLOW.code());
        assertEquals(98, ExitReason.FATAL_ERROR.code());
        assertEquals(98, ExitReason.UNREADABLE_BY_WORKER.code());
        assertEquals(3, ExitReason.OUT_OF_MEMORY.code());
        assertEquals(93, ExitReason.DISK_FULL.code());
        assertEquals(97, ExitReason.SUPERVISOR_GONE.code());
        assertEquals(96, ExitReason.BOOTSTRAP_FAILED.code());
    }

    @Test
    void shouldHaveNoCodeOfItsOwnForEndsTheWorkerDoesNotChoose() {
        for (ExitReason r : new ExitReason[] {ExitReason.SYSTEM_EXIT, ExitReason.RUNTIME_HALT,
                ExitReason.UNREADABLE_BY_SUPERVISOR, ExitReason.JVM_CRASH, ExitReason.SIGNAL}) {
            assertEquals(OptionalInt.empty(), r.exitCode(), r.name());
            assertThrows(IllegalStateException.class, r::code, r.name());
        }
    }

    @Test
    void shouldSpellTheReasonsAsTheApiDocumentsThem() {
        assertEquals("completed", ExitReason.COMPLETED.text());
        assertEquals("Isolate.exit", ExitReason.ISOLATE_EXIT.text());
        assertEquals("killed", ExitReason.KILLED.text());
        assertEquals("System.exit", ExitReason.SYSTEM_EXIT.text());
        assertEquals("Runtime.halt", ExitReason.RUNTIME_HALT.text());
        assertEquals("OutOfMemoryError", ExitReason.OUT_OF_MEMORY.text());
        assertEquals("StackOverflowError", ExitReason.STACK_OVERFLOW.text());
        assertEquals("unreadable message from the supervisor", ExitReason.UNREADABLE_BY_WORKER.text());
        assertEquals("unreadable message", ExitReason.UNREADABLE_BY_SUPERVISOR.text());
        assertEquals("disk full", ExitReason.DISK_FULL.text());
        assertEquals("supervisor gone", ExitReason.SUPERVISOR_GONE.text());
        assertEquals("worker bootstrap failed", ExitReason.BOOTSTRAP_FAILED.text());
        assertEquals("uncaught IllegalStateException", ExitReason.UNCAUGHT_ERROR.text("IllegalStateException"));
        assertEquals("InternalError", ExitReason.FATAL_ERROR.text("InternalError"));
        assertEquals("JVM crash (SIGSEGV)", ExitReason.JVM_CRASH.text("SIGSEGV"));
        assertEquals("JVM crash", ExitReason.JVM_CRASH.text(""));
        assertEquals("SIGKILL", ExitReason.SIGNAL.text("SIGKILL"));
    }

    @Test
    void shouldRefuseTheTextWithoutDetailOfAReasonThatNeedsOne() {
        assertThrows(IllegalStateException.class, ExitReason.UNCAUGHT_ERROR::text);
        assertThrows(IllegalStateException.class, ExitReason.SIGNAL::text);
    }

    @Test
    void shouldReadEveryReasonBackFromItsText() {
        for (ExitReason r : ExitReason.values()) {
            String text = r.detailed() ? r.text(r == ExitReason.FATAL_ERROR ? "InternalError" : "SIGTERM") : r.text();
            assertEquals(Optional.of(r), ExitReason.ofText(text), text);
        }
        assertEquals(Optional.of(ExitReason.SIGNAL), ExitReason.ofText("signal 40"));
        assertEquals(Optional.of(ExitReason.JVM_CRASH), ExitReason.ofText("JVM crash"));
        assertEquals(Optional.empty(), ExitReason.ofText("something else"));
    }

    @Test
    void shouldNameTheFatalErrorThatEndedAWorker() {
        assertEquals(ExitReason.STACK_OVERFLOW, ExitReason.ofFatal(new StackOverflowError()));
        assertEquals(ExitReason.OUT_OF_MEMORY, ExitReason.ofFatal(new OutOfMemoryError()));
        assertEquals(ExitReason.FATAL_ERROR, ExitReason.ofFatal(new InternalError()));
    }

    @Test
    void shouldCallOnlyCompletedIsolateExitAndKilledNormal() {
        assertEquals(3, Arrays.stream(ExitReason.values()).filter(ExitReason::isNormal).count());
        assertTrue(ExitReason.COMPLETED.isNormal());
        assertTrue(ExitReason.ISOLATE_EXIT.isNormal());
        assertTrue(ExitReason.KILLED.isNormal());
        assertFalse(ExitReason.SYSTEM_EXIT.isNormal());
    }

    @Test
    void shouldMarkTheStderrLinesOfTheEndsTheSupervisorReadsThere() {
        assertEquals("isolate: disk full: ", ExitReason.DISK_FULL.stderrMark());
        assertEquals("isolate worker failed: ", ExitReason.BOOTSTRAP_FAILED.stderrMark());
        assertEquals("", ExitReason.COMPLETED.stderrMark());
    }
}
