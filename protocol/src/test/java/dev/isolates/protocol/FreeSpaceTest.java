package dev.isolates.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreeSpaceTest {
    @TempDir
    Path dir;

    @Test
    void shouldRefuseMoreThanTheDiskHas() {
        Path file = dir.resolve("arena");
        long wanted = Long.MAX_VALUE / 4;

        InsufficientSpaceException e = assertThrows(InsufficientSpaceException.class,
                () -> FreeSpace.require(dir, file, wanted));
        assertEquals(file, e.path());
        assertEquals(wanted + FreeSpace.MARGIN, e.needed());
        assertTrue(e.available() >= 0 && e.available() < e.needed(), "available " + e.available());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(MiB.format(e.needed())), e.getMessage());
        assertTrue(e.getMessage().contains(MiB.format(e.available())), e.getMessage());
        assertTrue(e.getMessage().contains(SessionDirectory.BASE_PROPERTY), e.getMessage());
    }

    @Test
    void shouldAcceptWhatFits() {
        assertDoesNotThrow(() -> FreeSpace.require(dir, dir.resolve("small"), 4096));
    }
}
