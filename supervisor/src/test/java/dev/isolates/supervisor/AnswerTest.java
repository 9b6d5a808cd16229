package dev.isolates.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.protocol.MessageKind;
import dev.isolates.protocol.RemoteFailure;
import dev.isolates.protocol.UnreadableMessageException;
import dev.isolates.protocol.UnsendableObjectException;
import dev.isolates.protocol.UnsendableReport;
import org.junit.jupiter.api.Test;

class AnswerTest {
    private static Throwable unexpectedRebuild(RemoteFailure f) {
        throw new AssertionError("only a FAILURE is rebuilt");
    }

    @Test
    void shouldCarryAResultsValueAndItsCorrelation() {
        Answer a = Answer.of(MessageKind.RESULT, 42, "value", AnswerTest::unexpectedRebuild);
        assertEquals(new Answer.Value(42, "value"), a);
    }

    @Test
    void shouldCarryTheRebuiltExceptionOfAFailure() {
        IllegalStateException rebuilt = new IllegalStateException("rebuilt");
        RemoteFailure remote = RemoteFailure.of(new IllegalStateException("thrown"));
        Answer a = Answer.of(MessageKind.FAILURE, 7, remote, f -> {
            assertSame(remote, f);
            return rebuilt;
        });
        assertSame(rebuilt, assertInstanceOf(Answer.Failed.class, a).exception());
        assertEquals(7, a.correlation());
    }

    @Test
    void shouldSayWhereAnUnsendableResultWas() {
        UnsendableReport report = UnsendableReport.of("result",
                new UnsendableObjectException("[0]", "java.lang.Thread", "threads cannot be sent", null));
        Answer.Unsendable a = assertInstanceOf(Answer.Unsendable.class,
                Answer.of(MessageKind.UNSENDABLE, 3, report, AnswerTest::unexpectedRebuild));
        assertEquals("java.lang.Thread", a.exception().type());
        assertEquals(report.path(), a.exception().path());
    }

    @Test
    void shouldRefuseAKindThatIsNoAnswer() {
        assertThrows(IllegalArgumentException.class, () -> Answer.of(MessageKind.PONG, 1, null, f -> null));
    }

    @Test
    void shouldAskForTheClassesOnTheClasspathWhenATrustedAnswerNamesAClassMissingHere() {
        Answer.Unreadable a = Answer.unreadable(5, "isolate \"x\" (pid 9)", false,
                new IllegalArgumentException("Unable to find class: com.example.Missing"));
        assertEquals("the answer of isolate \"x\" (pid 9) could not be read here: Unable to find class: "
                + "com.example.Missing. Its classes must be on the supervisor's classpath too.", a.exception().getMessage());
        assertFalse(a.endsIsolate());
        assertEquals(5, a.correlation());
    }

    @Test
    void shouldSayAnUnreadableAnswerEndsItsIsolateWhenTheReaderMetAnError() {
        UnreadableMessageException oom = new UnreadableMessageException("no heap for a 2 GB body (OutOfMemoryError)",
                2L << 30, true, new OutOfMemoryError());
        Answer.Unreadable a = Answer.unreadable(5, "isolate \"x\" (pid 9)", false, oom);
        assertTrue(a.endsIsolate());
        assertSame(oom, a.exception().getCause());
        assertEquals("the answer of isolate \"x\" (pid 9) could not be read here: " + oom.getMessage(),
                a.exception().getMessage());
    }
}
