package dev.isolates.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks room on a file system before a mapping is made: a full disk under a mapping is a SIGBUS. */
public final class FreeSpace {
    /** Room kept free beside every mapping, for the queues' own growth and other writers. */
    static final long MARGIN = 8L * 1024 * 1024;

    private FreeSpace() {
    }

    /**
     * Throws {@link InsufficientSpaceException} unless the file system holding {@code dir} has at least
     * {@code bytes} plus a margin free.
     */
    public static void require(Path dir, Path forFile, long bytes) throws IOException {
        long available = Files.getFileStore(dir).getUsableSpace();
        long needed = bytes > Long.MAX_VALUE - MARGIN ? Long.MAX_VALUE : bytes + MARGIN;
        if (available < needed) {
            throw new InsufficientSpaceException(forFile, needed, available);
        }
    }
}
