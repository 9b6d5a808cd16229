package dev.isolates.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WorkerArgumentsTest {
    @Test
    void shouldRoundTripThroughCommandLine() {
        WorkerArguments original = new WorkerArguments(Path.of("/dev/shm/isolates-1-x/w3"),
                Path.of("/dev/shm/isolates-1-x/arena-1"), Path.of("/dev/shm/isolates-1-x/arena-2"), 98765L,
                "parser-3");
        assertEquals(original, WorkerArguments.parse(original.toList().toArray(String[]::new)));
    }

    @Test
    void shouldKeepSpacesInNamesAndPaths() {
        WorkerArguments original = new WorkerArguments(Path.of("/tmp/my session/w1"), Path.of("/tmp/my session/a 1"),
                Path.of("/tmp/my session/a 2"), Long.MAX_VALUE, "my plugin (v2)");
        assertEquals(5, original.toList().size());
        assertEquals(original, WorkerArguments.parse(original.toList().toArray(String[]::new)));
    }

    @Test
    void shouldRefuseWrongNumberOfArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorkerArguments.parse(new String[] {"/a", "/b", "/c", "1"}));
        assertTrue(e.getMessage().contains("5 arguments, got 4"), e.getMessage());
    }

    @Test
    void shouldRefuseNonNumericPid() {
        assertThrows(NumberFormatException.class,
                () -> WorkerArguments.parse(new String[] {"/a", "/b", "/c", "pid", "name"}));
    }
}
