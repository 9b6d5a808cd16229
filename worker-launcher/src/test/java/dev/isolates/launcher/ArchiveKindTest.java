package dev.isolates.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ArchiveKindTest {
    @Test
    void shouldGiveAnAotCacheFromJdk24On() {
        assertEquals(ArchiveKind.CLASS_DATA_ARCHIVE, ArchiveKind.of(17));
        assertEquals(ArchiveKind.CLASS_DATA_ARCHIVE, ArchiveKind.of(23));
        assertEquals(ArchiveKind.AOT_CACHE, ArchiveKind.of(24));
        assertEquals(ArchiveKind.AOT_CACHE, ArchiveKind.of(25));
    }
}
