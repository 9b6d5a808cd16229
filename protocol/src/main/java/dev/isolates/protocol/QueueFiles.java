package dev.isolates.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

/** Opens the Chronicle queues of a channel with the settings both ends must agree on. */
final class QueueFiles {
    /** A queue message holds at most a quarter of a block; inline bodies stay well under that. */
    static final long BLOCK_SIZE = 8L * 1024 * 1024;

    static {
        // Never report usage; set before any Chronicle class initialises, in case the JVM flags were not given.
        if (System.getProperty("chronicle.analytics.disable") == null) {
            System.setProperty("chronicle.analytics.disable", "true");
        }
        if (System.getProperty("chronicle.announcer.disable") == null) {
            System.setProperty("chronicle.announcer.disable", "true");
        }
    }

    private QueueFiles() {
    }

    static SingleChronicleQueue open(Path dir) throws IOException {
        Files.createDirectories(dir);
        FreeSpace.require(dir, dir, 2 * BLOCK_SIZE);
        return SingleChronicleQueueBuilder.binary(dir).blockSize(BLOCK_SIZE).build();
    }
}
