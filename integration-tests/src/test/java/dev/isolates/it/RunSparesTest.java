package dev.isolates.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Isolates.run} with a prestarted spare: a call finds a JVM that was started before it was
 * made, and still a fresh one. Runs in a supervisor JVM of its own, since spares are off in this one.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class RunSparesTest {
    /**
     * Linux gives a process's start instant as boot time plus ticks since boot, and the boot time
     * only in whole seconds: an instant can read up to a second early, never late.
     */
    private static final Duration START_INSTANT_SLACK = Duration.ofSeconds(1);
    /**
     * The spare starts a quarter of a second after the first call's isolate is up, so at least that
     * long after that isolate's JVM started; less two clock ticks of rounding.
     */
    private static final Duration SPARE_AFTER_FIRST = Duration.ofMillis(230);
    /** For the lines that follow one already read. */
    private static final Duration SAID = Duration.ofSeconds(10);

    @TempDir
    Path base;
    @TempDir
    Path scratch;

    @Test
    void shouldRunSecondCallInFreshIsolateStartedBeforeTheCall() throws Exception {
        try (SupervisorProcess supervisor = SupervisorProcess.start("spares", base, scratch,
                List.of("-Disolates.run.spares=1"))) {
            long firstPid = Long.parseLong(supervisor.await("first-pid", Duration.ofSeconds(90)));
            long secondPid = Long.parseLong(supervisor.await("second-pid", Duration.ofSeconds(90)));
            Instant secondStart = Instant.ofEpochMilli(Long.parseLong(supervisor.await("second-start", SAID)));
            Instant secondCall = Instant.ofEpochMilli(Long.parseLong(supervisor.await("second-call", SAID)));
            long latencyMicros = Long.parseLong(supervisor.await("second-latency-us", SAID));
            System.out.printf("Isolates.run with a prestarted isolate: %.1f ms, call to value%n", latencyMicros / 1000.0);

            assertNotEquals(firstPid, secondPid, "every call gets a fresh isolate");
            assertTrue(secondStart.plus(START_INSTANT_SLACK).isBefore(secondCall), "the second call's isolate "
                    + "should have been started before the call: started " + secondStart + ", called " + secondCall);
            assertEquals(0, supervisor.awaitExit(Duration.ofSeconds(60)), supervisor.report());
        }
    }

    /**
     * A first call finds no spare and starts its own JVM; a spare starting beside it would halve the
     * CPU that start gets on a small machine. Both instants come from the same clock (boot time plus
     * ticks), so they compare to the tick.
     */
    @Test
    void shouldStartTheSpareOnlyOnceTheFirstCallsOwnIsolateIsUp() throws Exception {
        try (SupervisorProcess supervisor = SupervisorProcess.start("spares", base, scratch,
                List.of("-Disolates.run.spares=1"))) {
            Instant firstStart = Instant.ofEpochMilli(Long.parseLong(supervisor.await("first-start", Duration.ofSeconds(90))));
            Instant secondStart = Instant.ofEpochMilli(Long.parseLong(supervisor.await("second-start", Duration.ofSeconds(90))));

            Duration apart = Duration.between(firstStart, secondStart);
            assertTrue(apart.compareTo(SPARE_AFTER_FIRST) >= 0, "the spare's JVM should start at least "
                    + SPARE_AFTER_FIRST.toMillis() + " ms after the first call's, once that one is up; it started "
                    + apart.toMillis() + " ms after it");
            assertEquals(0, supervisor.awaitExit(Duration.ofSeconds(60)), supervisor.report());
        }
    }
}
