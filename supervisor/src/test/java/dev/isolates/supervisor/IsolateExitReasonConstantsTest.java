package dev.isolates.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.isolates.IsolateExit;
import dev.isolates.protocol.ExitReason;
import org.junit.jupiter.api.Test;

/** The public reason constants and the reasons the two JVMs name are one vocabulary. */
class IsolateExitReasonConstantsTest {
    @Test
    void shouldSpellEachPublicConstantAsTheExitReasonItStandsFor() {
        assertEquals(ExitReason.COMPLETED.text(), IsolateExit.COMPLETED);
        assertEquals(ExitReason.ISOLATE_EXIT.text(), IsolateExit.ISOLATE_EXIT);
        assertEquals(ExitReason.KILLED.text(), IsolateExit.KILLED);
        assertEquals(ExitReason.SYSTEM_EXIT.text(), IsolateExit.SYSTEM_EXIT);
        assertEquals(ExitReason.RUNTIME_HALT.text(), IsolateExit.RUNTIME_HALT);
        assertEquals(ExitReason.OUT_OF_MEMORY.text(), IsolateExit.OUT_OF_MEMORY);
        assertEquals(ExitReason.STACK_OVERFLOW.text(), IsolateExit.STACK_OVERFLOW);
        assertEquals(ExitReason.SIGNAL.text("SIGKILL"), IsolateExit.SIGKILL);
        assertEquals(ExitReason.DISK_FULL.text(), IsolateExit.DISK_FULL);
    }

    @Test
    void shouldClassifyAKill9AsThePublicSigkillReason() {
        assertEquals(IsolateExit.SIGKILL, ExitClassifier.classify(137, null, false, java.util.List.of()).reason());
    }
}
