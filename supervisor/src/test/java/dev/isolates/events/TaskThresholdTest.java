package dev.isolates.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskThresholdTest {
    @Test
    void readsJfrTimespansWithOrWithoutASpace() {
        assertEquals(0, TaskThreshold.nanos("0 ns"));
        assertEquals(0, TaskThreshold.nanos("0"));
        assertEquals(1_500, TaskThreshold.nanos("1500ns"));
        assertEquals(7_000, TaskThreshold.nanos("7 us"));
        assertEquals(20_000_000, TaskThreshold.nanos("20 ms"));
        assertEquals(2_000_000_000, TaskThreshold.nanos("2 s"));
        assertEquals(60_000_000_000L, TaskThreshold.nanos("1 m"));
        assertEquals(Long.MAX_VALUE, TaskThreshold.nanos("infinity"));
        assertEquals(Long.MAX_VALUE, TaskThreshold.nanos("99999999 d"), "saturates rather than overflows");
    }

    @Test
    void readsWhatItDoesNotUnderstandAsTheDefault() {
        assertEquals(20_000_000, TaskThreshold.nanos("soon"));
        assertEquals(20_000_000, TaskThreshold.nanos("5 fortnights"));
        assertEquals(20_000_000, TaskThreshold.nanos(null));
    }

    @Test
    void recordsTasksFromTheDefaultOn() {
        TaskThreshold threshold = new TaskThreshold();
        assertEquals("20 ms", threshold.getValue());
        assertFalse(threshold.records(19_999_999));
        assertTrue(threshold.records(20_000_000));
    }

    @Test
    void givesEachRecordingTheTasksItAskedForWhenSeveralRun() {
        TaskThreshold threshold = new TaskThreshold();
        assertEquals("0 ns", threshold.combine(Set.of("20 ms", "0 ns", "1 s")));
        assertEquals("20 ms", threshold.combine(Set.of()), "no recording: the default");
        threshold.setValue("0 ns");
        assertTrue(threshold.records(0));
        threshold.setValue("infinity");
        assertFalse(threshold.records(Long.MAX_VALUE - 1));
    }
}
