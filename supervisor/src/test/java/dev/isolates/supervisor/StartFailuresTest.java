package dev.isolates.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateException;
import dev.isolates.IsolateStartException;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartFailuresTest {
    @Test
    void shouldStopAPoolWhenTwoMoreThanItsSizeFailInARow() {
        StartFailures f = new StartFailures(2);
        assertFalse(f.failed());
        assertFalse(f.failed());
        assertFalse(f.failed());
        assertTrue(f.failed());
    }

    @Test
    void shouldStartCountingAgainAfterAStartSucceeds() {
        StartFailures f = new StartFailures(1);
        assertFalse(f.failed());
        assertFalse(f.failed());
        f.succeeded();
        assertFalse(f.failed());
        assertFalse(f.failed());
        assertTrue(f.failed());
    }

    @Test
    void shouldKeepTheCommandAndOutputOfTheLastFailedStart() {
        IsolateStartException last = new IsolateStartException("the JVM exited at once", List.of("java", "-Xmx1t"),
                "Invalid maximum heap size", null);
        IsolateException stopped = new StartFailures(1).stopped("p", last);
        IsolateStartException start = assertInstanceOf(IsolateStartException.class, stopped);
        assertEquals("pool \"p\" stopped starting isolates: the last 3 could not start, none in between did. "
                + "The last: the JVM exited at once", start.getMessage());
        assertEquals(List.of("java", "-Xmx1t"), start.command());
        assertEquals("Invalid maximum heap size", start.output());
    }
}
