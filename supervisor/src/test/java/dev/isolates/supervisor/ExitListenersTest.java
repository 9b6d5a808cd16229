package dev.isolates.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateExit;
import dev.isolates.SendPort;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ExitListenersTest {
    private static final IsolateExit COMPLETED = new IsolateExit(0, OptionalInt.empty(), IsolateExit.COMPLETED);

    private final ExitListeners listeners = new ExitListeners("w1");
    private final List<String> told = new ArrayList<>();

    private SendPort port(String name) {
        return message -> told.add(name + ":" + message);
    }

    @Test
    void shouldTellEachPortOnceInTheOrderTheyCame() {
        listeners.add(port("a"), "bye-a");
        listeners.add(port("b"), "bye-b");
        listeners.end(COMPLETED, () -> { });
        assertEquals(List.of("a:bye-a", "b:bye-b"), told);
    }

    @Test
    void shouldTellAPortAddedAfterTheEndAtOnce() {
        listeners.end(COMPLETED, () -> { });
        listeners.add(port("late"), "gone");
        assertEquals(List.of("late:gone"), told);
    }

    @Test
    void shouldNotTellARemovedPort() {
        SendPort a = port("a");
        listeners.add(a, "bye-a");
        listeners.add(port("b"), "bye-b");
        listeners.remove(a);
        listeners.end(COMPLETED, () -> { });
        assertEquals(List.of("b:bye-b"), told);
    }

    @Test
    void shouldCompleteTheExitAndRunTheEndBeforeAnyPortIsTold() {
        listeners.add(port("a"), "bye");
        listeners.end(COMPLETED, () -> {
            assertTrue(listeners.exited().isDone());
            told.add("ended");
        });
        assertEquals(List.of("ended", "a:bye"), told);
        assertEquals(COMPLETED, listeners.exited().join());
    }

    @Test
    void shouldTellTheOtherPortsWhenOneCannotBeTold() {
        listeners.add(message -> {
            throw new IllegalStateException("closed");
        }, "bye");
        listeners.add(port("b"), "bye-b");
        listeners.end(COMPLETED, () -> { });
        assertEquals(List.of("b:bye-b"), told);
    }

    @Test
    void shouldNotHaveEndedBeforeTheEnd() {
        listeners.add(port("a"), "bye");
        assertEquals(List.of(), told);
        assertTrue(!listeners.exited().isDone());
    }
}
