package dev.isolates.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcessStatTest {
    @Test
    void shouldReadStateAndSessionAfterTheCommandName() {
        ProcessStat stat = ProcessStat.parse(4211, "4211 (java) S 4200 4211 4211 0 -1 4194560 2203 0 0 0 14 3 0 0 20 0");

        assertEquals(new ProcessStat(4211, 'S', 4211), stat);
    }

    @Test
    void shouldCountFieldsFromTheLastParenthesisOfACommandNameWithSpacesAndParentheses() {
        ProcessStat stat = ProcessStat.parse(77, "77 (a) Z 1 2 (x) R 5 6 7 0 -1 0 0) Z 1 90 88 0 -1 4194560");

        assertEquals(new ProcessStat(77, 'Z', 88), stat);
        assertTrue(stat.ended());
    }

    @Test
    void shouldRefuseWhatIsNotAStatLine() {
        assertThrows(IllegalArgumentException.class, () -> ProcessStat.parse(5, "no command name here"));
        assertThrows(IllegalArgumentException.class, () -> ProcessStat.parse(5, "5 (cut) S 1"));
    }

    @Test
    void shouldReadThisJvmsOwnStat() {
        long self = ProcessHandle.current().pid();
        ProcessStat stat = ProcessStat.read(self).orElseThrow();

        assertEquals(self, stat.pid());
        assertFalse(stat.ended(), "this JVM has not ended as it reads its own stat: " + stat);
        assertTrue(stat.session() > 0, stat.toString());
    }
}
