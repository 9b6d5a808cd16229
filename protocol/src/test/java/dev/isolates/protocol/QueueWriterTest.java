package dev.isolates.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real queue written by a {@link QueueWriter} and read back by a {@link QueueReader}, in this JVM. */
class QueueWriterTest {
    private static final long ROLL = 256 * 1024;
    private static final ChannelKey KEY = ChannelKey.random();

    private Path dir;
    private Path queueDir;
    private WakeFlags flags;
    private QueueWriter writer;
    private QueueReader reader;
    private TransferArena arena;
    private final AtomicInteger roomChecks = new AtomicInteger();
    private final AtomicBoolean diskFull = new AtomicBoolean();

    @BeforeEach
    void openQueue() throws IOException {
        dir = Files.createTempDirectory(TestDirs.base(), "queue-writer-test-");
        queueDir = dir.resolve("queue");
        flags = WakeFlags.open(dir.resolve("flags"));
        QueueClock clock = QueueClock.of(flags, Side.SUPERVISOR);
        SingleChronicleQueue out = QueueFiles.openForWriting(queueDir, clock);
        writer = new QueueWriter(out, clock, KEY, ROLL, (d, bytes) -> {
            roomChecks.incrementAndGet();
            if (diskFull.get()) {
                throw new InsufficientSpaceException(d, bytes, 0);
            }
        });
        ConsumedCycleFiles files = new ConsumedCycleFiles();
        SingleChronicleQueue in = QueueFiles.openForReading(queueDir, QueueClock.of(flags, Side.SUPERVISOR), files);
        arena = TransferArena.open(dir.resolve("arena"));
        reader = new QueueReader(in, files, arena, KEY);
    }

    @AfterEach
    void closeQueue() throws IOException {
        try {
            reader.close();
            writer.close();
            arena.close();
        } finally {
            SessionDirectory.deleteTree(dir);
        }
    }

    @Test
    void theQueueRollsToANewFileOnceTheCurrentHoldsRollBytesAndIsReadInOrderAcrossThem() throws IOException {
        int startCycle = writer.cycle();
        byte[] body = new byte[100 * 1024];
        Set<String> filesSeen = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            body[0] = (byte) i;
            writer.appendInline(MessageKind.RESULT, i, 0, body, body.length);
            filesSeen.addAll(cycleFiles());
            Inbound m = reader.poll();
            assertNotNull(m, "message " + i);
            assertEquals(i, m.correlation());
            assertEquals(body.length, m.body().remaining());
            assertEquals((byte) i, m.body().get(0));
        }

        assertNull(reader.poll());
        assertTrue(writer.cycle() >= startCycle + 3, "about a million bytes in files of " + ROLL + " bytes");
        assertTrue(filesSeen.size() >= 4, "a new file per " + ROLL + " bytes: " + filesSeen);
    }

    @Test
    void theFreeSpaceIsLookedAtOnTheFirstAppendAndAgainAfterSpaceCheckBytes() throws IOException {
        byte[] small = new byte[1000];
        writer.appendInline(MessageKind.RESULT, 1, 0, small, small.length);
        assertEquals(1, roomChecks.get());
        for (int i = 0; i < 100; i++) {
            writer.appendInline(MessageKind.RESULT, 2, 0, small, small.length);
        }
        assertEquals(1, roomChecks.get(), "100 KB is well under " + QueueWriter.SPACE_CHECK_BYTES);

        byte[] large = new byte[700 * 1024];
        for (int i = 0; i < 3; i++) { // with the small ones, past SPACE_CHECK_BYTES on the third
            writer.appendInline(MessageKind.RESULT, 3, 0, large, large.length);
        }
        assertEquals(2, roomChecks.get());
    }

    @Test
    void aFullFileSystemFailsTheAppendAndLeavesNothingInTheQueue() throws IOException {
        diskFull.set(true);
        byte[] body = {1, 2, 3};

        assertThrows(InsufficientSpaceException.class, () -> writer.appendInline(MessageKind.RESULT, 1, 0, body, 3));
        assertThrows(InsufficientSpaceException.class,
                () -> writer.appendHandle(MessageKind.RESULT, 2, 0, new ArenaHandle(0, 1, 4096, 10)));
        assertNull(reader.poll());

        diskFull.set(false);
        writer.appendInline(MessageKind.RESULT, 3, 7, body, 3);
        Inbound m = reader.poll();
        assertNotNull(m);
        assertEquals(3, m.correlation());
        assertEquals(7, m.target());
        assertNull(reader.poll());
    }

    private List<String> cycleFiles() throws IOException {
        try (Stream<Path> files = Files.list(queueDir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(SingleChronicleQueue.SUFFIX))
                    .sorted().toList();
        }
    }
}
