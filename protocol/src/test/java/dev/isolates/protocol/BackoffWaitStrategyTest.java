package dev.isolates.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackoffWaitStrategyTest {
    @Test
    void shouldSpinThenYieldThenAskToPark() {
        BackoffWaitStrategy wait = new BackoffWaitStrategy(3, 4, 1);

        for (int polls = 0; polls < 7; polls++) {
            assertTrue(wait.idle(polls), "poll " + polls);
        }
        assertFalse(wait.idle(7));
    }

    @Test
    void shouldHalveItsYieldsWhileWaitsEndInParkingDownToTheMinimum() {
        BackoffWaitStrategy wait = new BackoffWaitStrategy(2, 40, 6);

        wait.delivered(true);
        assertEquals(20, wait.yields());
        wait.delivered(true);
        assertEquals(10, wait.yields());
        wait.delivered(true);
        assertEquals(6, wait.yields());
        wait.delivered(true);
        assertEquals(6, wait.yields());
        assertTrue(wait.idle(2 + 5));
        assertFalse(wait.idle(2 + 6));
    }

    @Test
    void shouldRestoreItsYieldsWhenAMessageIsCaughtBeforeParking() {
        BackoffWaitStrategy wait = new BackoffWaitStrategy(2, 40, 6);
        wait.delivered(true);
        wait.delivered(true);

        wait.delivered(false);

        assertEquals(40, wait.yields());
        assertTrue(wait.idle(2 + 39));
    }

    @Test
    void shouldRefuseAMinimumAboveTheMaximum() {
        assertThrows(IllegalArgumentException.class, () -> new BackoffWaitStrategy(1, 4, 5));
    }
}
