package dev.isolates.protocol;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests make their folders: /dev/shm when it is there, as the library itself prefers. */
final class TestDirs {
    private TestDirs() {
    }

    static Path base() {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }
}
