package dev.isolates.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateException;
import dev.isolates.RestartPolicy;
import dev.isolates.supervisor.Replacements.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplacementsTest {
    private static final long SECOND = 1_000_000_000L;

    private static Replacements replacements(RestartPolicy policy, int maxRestarts, int size) {
        return new Replacements("p", policy, new RestartIntensity(maxRestarts, Duration.ofSeconds(10)),
                new StartFailures(size));
    }

    private static WorkerSlot crashed() {
        return Slots.ready("p-1");
    }

    @Test
    void shouldReplaceACrashedIsolateUnlessThePolicyIsNever() {
        assertEquals(Kind.REPLACE, replacements(RestartPolicy.ALWAYS, 5, 1).ended(crashed(), "exit 1", SECOND).kind());
        assertEquals(Kind.REPLACE, replacements(RestartPolicy.ON_FAILURE, 5, 1).ended(crashed(), "exit 1", SECOND).kind());
        assertEquals(Kind.SHRINK, replacements(RestartPolicy.NEVER, 5, 1).ended(crashed(), "exit 1", SECOND).kind());
    }

    @Test
    void shouldReplaceAPlannedEndWhateverThePolicyWithoutCountingIt() {
        Replacements r = replacements(RestartPolicy.NEVER, 0, 1);
        for (int i = 0; i < 3; i++) {
            WorkerSlot retired = Slots.ready("p-" + i);
            retired.retire("it ran 10 tasks");
            assertEquals(Kind.REPLACE, r.ended(retired, "it ran 10 tasks", SECOND).kind());
        }
    }

    @Test
    void shouldStopThePoolWhenIsolatesEndTooOften() {
        Replacements r = replacements(RestartPolicy.ALWAYS, 2, 1);
        assertEquals(Kind.REPLACE, r.ended(crashed(), "exit 1", SECOND).kind());
        assertEquals(Kind.REPLACE, r.ended(crashed(), "exit 1", 2 * SECOND).kind());
        Replacements.Verdict third = r.ended(crashed(), "exit 1", 3 * SECOND);
        assertEquals(Kind.STOP, third.kind());
        assertTrue(third.failure().getMessage().startsWith("pool \"p\" stopped restarting isolates: more than 2"),
                third.failure().getMessage());
    }

    @Test
    void shouldStopThePoolWhenStartsKeepFailing() {
        Replacements r = replacements(RestartPolicy.ALWAYS, 100, 1);
        IsolateException cause = new IsolateException("no such java");
        assertEquals(Kind.REPLACE, r.notStarted("p-1", "could not start", cause, SECOND).kind());
        assertEquals(Kind.REPLACE, r.notStarted("p-2", "could not start", cause, SECOND).kind());
        Replacements.Verdict third = r.notStarted("p-3", "could not start", cause, SECOND);
        assertEquals(Kind.STOP, third.kind());
        assertTrue(third.failure().getMessage().startsWith("pool \"p\" stopped starting isolates"),
                third.failure().getMessage());
    }

    @Test
    void shouldForgiveFailedStartsOnceOneSucceeds() {
        Replacements r = replacements(RestartPolicy.ALWAYS, 100, 1);
        IsolateException cause = new IsolateException("a moment of load");
        r.notStarted("p-1", "could not start", cause, SECOND);
        r.notStarted("p-2", "could not start", cause, SECOND);
        r.started();
        assertEquals(Kind.REPLACE, r.notStarted("p-3", "could not start", cause, SECOND).kind());
    }
}
