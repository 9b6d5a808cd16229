package dev.isolates.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IsolateMarkTest {
    private final IsolateMark mark = new IsolateMark("4211-9f3c");

    private static byte[] environ(String entries) {
        return entries.replace('|', '\0').getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldFindItsEntryFirstInTheMiddleAndLast() {
        assertTrue(mark.isIn(environ("ISOLATES_ISOLATE=4211-9f3c|PATH=/bin|")));
        assertTrue(mark.isIn(environ("HOME=/root|ISOLATES_ISOLATE=4211-9f3c|PATH=/bin|")));
        assertTrue(mark.isIn(environ("HOME=/root|ISOLATES_ISOLATE=4211-9f3c|")));
        assertTrue(mark.isIn(environ("HOME=/root|ISOLATES_ISOLATE=4211-9f3c")), "a last entry without its NUL");
    }

    @Test
    void shouldMatchOnlyTheWholeEntry() {
        assertFalse(mark.isIn(environ("ISOLATES_ISOLATE=4211-9f3c0|")), "a longer value");
        assertFalse(mark.isIn(environ("ISOLATES_ISOLATE=4211-9f3|")), "a shorter value");
        assertFalse(mark.isIn(environ("XISOLATES_ISOLATE=4211-9f3c|")), "another name ending the same");
        assertFalse(mark.isIn(environ("OLD=ISOLATES_ISOLATE=4211-9f3c|")), "the entry inside another's value");
        assertFalse(mark.isIn(new byte[0]), "a zombie's empty environment");
    }

    @Test
    void shouldGiveEachJvmItsOwnMarkNamingThisSupervisor() {
        IsolateMark one = IsolateMark.fresh();

        assertTrue(one.value().startsWith(ProcessHandle.current().pid() + "-"), one.value());
        assertNotEquals(one, IsolateMark.fresh());
    }

    @Test
    void shouldNotBeOnThisJvmWhichWasStartedWithoutIt() {
        assertFalse(IsolateMark.fresh().isOn(ProcessHandle.current().pid()));
    }
}
