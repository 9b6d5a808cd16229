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
     * Cycles of one second (up to 2^32 messages each) on the queue's own {@link QueueClock}, which
     * moves once per {@link QueueClock#ROLL_BYTES} written: a new file per that many bytes, whatever
     * the wall clock says. Chronicle files this cycle with its test cycles; it is an ordinary one.
     */
    static final RollCycle ROLL_CYCLE = TestRollCycles.TEST_SECONDLY;

    /** Opens the queue at {@code dir} that this end writes, on {@code clock}. */
    static SingleChronicleQueue openForWriting(Path dir, QueueClock clock) throws IOException {
        return open(dir, clock, StoreFileListener.noOp());
    }

    /** Opens the queue at {@code dir} that this end reads, on its writer's {@code clock}; {@code files} learns its files. */
    static SingleChronicleQueue openForReading(Path dir, QueueClock clock, ConsumedCycleFiles files) throws IOException {
        return open(dir, clock, files);
    }

    private static SingleChronicleQueue open(Path dir, QueueClock clock, StoreFileListener listener)
            throws IOException {
        Files.createDirectories(dir);
        FreeSpace.require(dir, dir, 2 * BLOCK_SIZE);
        return SingleChronicleQueueBuilder.binary(dir).blockSize(BLOCK_SIZE).rollCycle(ROLL_CYCLE)
                .timeProvider(clock).storeFileListener(listener).build();
    }
}
