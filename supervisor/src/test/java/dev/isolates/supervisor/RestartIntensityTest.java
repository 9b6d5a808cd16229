package dev.isolates.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartIntensityTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldAllowUpToTheMaximumWithinThePeriod() {
        RestartIntensity intensity = new RestartIntensity(3, Duration.ofSeconds(10));
        assertTrue(intensity.allows(1 * SECOND));
        assertTrue(intensity.allows(2 * SECOND));
        assertTrue(intensity.allows(3 * SECOND));
        assertFalse(intensity.allows(4 * SECOND), "a fourth within 10 s is one too many");
    }

    @Test
    void shouldForgetRestartsOlderThanThePeriod() {
        RestartIntensity intensity = new RestartIntensity(2, Duration.ofSeconds(10));
        assertTrue(intensity.allows(1 * SECOND));
        assertTrue(intensity.allows(2 * SECOND));
        assertTrue(intensity.allows(11_500_000_000L), "the first has left the window");
        assertFalse(intensity.allows(11_800_000_000L), "the second and third are still in it");
    }

    @Test
    void shouldCountARestartExactlyOnePeriodOldAsInTheWindow() {
        RestartIntensity intensity = new RestartIntensity(1, Duration.ofSeconds(10));
        assertTrue(intensity.allows(0));
        assertFalse(intensity.allows(10 * SECOND));
        assertTrue(new RestartIntensity(1, Duration.ofSeconds(10)).allows(5 * SECOND));
    }

    @Test
    void shouldNeverAllowARestartWhenTheMaximumIsZero() {
        assertFalse(new RestartIntensity(0, Duration.ofSeconds(1)).allows(SECOND));
    }

    @Test
    void shouldSayWhichPoolStoppedAndHowToAllowMore() {
        IsolateException cause = new IsolateException("it died");
        IsolateException stopped = new RestartIntensity(5, Duration.ofSeconds(2)).exceeded("p", "p-7", "exit 1", cause);
        assertEquals("pool \"p\" stopped restarting isolates: more than 5 ended within 2000 ms (maxRestarts(5, PT2S)); "
                + "the last, p-7, exit 1. Fix what makes them end, or allow more with "
                + "IsolatePool.builder().maxRestarts(...)", stopped.getMessage());
        assertEquals(cause, stopped.getCause());
    }
}
