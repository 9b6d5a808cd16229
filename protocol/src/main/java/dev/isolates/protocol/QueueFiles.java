package dev.isolates.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;

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

    /**
     * A new file every second a queue is written (up to 2^32 messages each), so that the reader can
     * delete what it has read; see {@link ConsumedCycleFiles}. Chronicle files this cycle with its
     * test cycles; it is an ordinary roll cycle of one second.
     */
    static final RollCycle ROLL_CYCLE = TestRollCycles.TEST_SECONDLY;

    /** Opens the queue at {@code dir} that this end writes. */
    static SingleChronicleQueue openForWriting(Path dir) throws IOException {
        return open(dir, StoreFileListener.noOp());
    }

    /** Opens the queue at {@code dir} that this end reads; {@code files} learns its cycle files. */
    static SingleChronicleQueue openForReading(Path dir, ConsumedCycleFiles files) throws IOException {
        return open(dir, files);
    }

    private static SingleChronicleQueue open(Path dir, StoreFileListener listener) throws IOException {
        Files.createDirectories(dir);
        FreeSpace.require(dir, dir, 2 * BLOCK_SIZE);
        return SingleChronicleQueueBuilder.binary(dir).blockSize(BLOCK_SIZE).rollCycle(ROLL_CYCLE)
                .storeFileListener(listener).build();
    }
}
