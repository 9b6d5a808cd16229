package dev.isolates.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.StreamReadConstraints;
import org.junit.jupiter.api.Test;

class JsonLimitsTest {
    /**
     * {@link JsonFileTask} scans small files with {@code JsonDocument.parse}, which holds documents to
     * Jackson's defaults: the command's limits must be those, or a file could pass one way and fail
     * the other.
     */
    @Test
    void shouldBeJacksonsDefaultsWhichJsonDocumentHoldsFilesTo() {
        StreamReadConstraints defaults = StreamReadConstraints.defaults();
        StreamReadConstraints ours = JsonLimits.factory().streamReadConstraints();
        assertEquals(defaults.getMaxNestingDepth(), ours.getMaxNestingDepth());
        assertEquals(defaults.getMaxStringLength(), ours.getMaxStringLength());
        assertEquals(defaults.getMaxNameLength(), ours.getMaxNameLength());
        assertEquals(defaults.getMaxNumberLength(), ours.getMaxNumberLength());
        assertEquals(JsonLimits.MAX_DEPTH, ours.getMaxNestingDepth());
    }
}
