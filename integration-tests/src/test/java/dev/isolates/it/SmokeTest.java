package dev.isolates.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.isolates.Isolates;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void shouldReturnValue() throws Exception {
        int base = 41;
        long t0 = System.nanoTime();
        assertEquals(42, Isolates.run(() -> base + 1).get(60, TimeUnit.SECONDS));
        System.out.println("first run ms " + (System.nanoTime() - t0) / 1e6);
        t0 = System.nanoTime();
        assertEquals("x", Isolates.run(() -> "x").get(60, TimeUnit.SECONDS));
        System.out.println("second run ms " + (System.nanoTime() - t0) / 1e6);
    }
}
