package dev.isolates.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One real queue, its writer and reader under one key, and a second writer appending to the same
 * files as another process would: under another key, or under the right key but counting from the
 * start again, as a message copied from earlier in the queue would be.
 */
class TaggedMessagesTest {
    private static final ChannelKey KEY = ChannelKey.random();
    private static final QueueWriter.RoomCheck ROOM = (d, bytes) -> { };

    private Path dir;
    private WakeFlags flags;
    private QueueClock clock;
    private QueueWriter writer;
    private QueueWriter intruder;
    private QueueReader reader;
    private TransferArena arena;

    @BeforeEach
    void openQueue() throws IOException {
        dir = Files.createTempDirectory(TestDirs.base(), "tagged-messages-test-");
        Path queueDir = dir.resolve("queue");
        flags = WakeFlags.open(dir.resolve("flags"));
        clock = QueueClock.of(flags, Side.SUPERVISOR);
        writer = new QueueWriter(QueueFiles.openForWriting(queueDir, clock), clock, KEY, QueueClock.ROLL_BYTES, ROOM);
        ConsumedCycleFiles files = new ConsumedCycleFiles();
        SingleChronicleQueue in = QueueFiles.openForReading(queueDir, QueueClock.of(flags, Side.SUPERVISOR), files);
        arena = TransferArena.open(dir.resolve("arena"));
        reader = new QueueReader(in, files, arena, KEY);
    }

    private void intruderWith(ChannelKey key) throws IOException {
        intruder = new QueueWriter(QueueFiles.openForWriting(dir.resolve("queue"), clock), clock, key,
                QueueClock.ROLL_BYTES, ROOM);
    }

    @AfterEach
    void closeQueue() throws IOException {
        try {
            reader.close();
            writer.close();
            if (intruder != null) {
                intruder.close();
            }
            arena.close();
        } finally {
            SessionDirectory.deleteTree(dir);
        }
    }

    private static byte[] body(int b) {
        return new byte[] {(byte) b, 2, 3};
    }

    private void assertNext(long correlation, int first) throws IOException {
        Inbound m = reader.poll();
        assertNotNull(m, "message " + correlation);
        assertEquals(correlation, m.correlation());
        assertEquals((byte) first, m.body().get(0));
    }

    @Test
    void shouldReadTheWritersMessagesInOrder() throws IOException {
        writer.appendInline(MessageKind.RESULT, 1, 0, body(1), 3);
        writer.appendHandle(MessageKind.RESULT, 2, 0, arena.publish(arena.allocateLargest(10), 10));
        writer.appendInline(MessageKind.RESULT, 3, 0, body(3), 3);

        assertNext(1, 1);
        Inbound handle = reader.poll();
        assertNotNull(handle);
        assertEquals(2, handle.correlation());
        assertNext(3, 3);
        assertNull(reader.poll());
        assertEquals(0, reader.refused());
    }

    @Test
    void shouldSkipAMessageAppendedUnderAnotherKeyAndReadOn() throws IOException {
        intruderWith(ChannelKey.random());
        writer.appendInline(MessageKind.RESULT, 1, 0, body(1), 3);
        intruder.appendInline(MessageKind.RESULT, 2, 0, body(66), 3);
        intruder.appendInline(MessageKind.RESULT, 2, 0, body(66), 3);
        writer.appendInline(MessageKind.RESULT, 2, 0, body(2), 3);

        assertNext(1, 1);
        assertNext(2, 2);
        assertNull(reader.poll());
        assertEquals(2, reader.refused());
    }

    @Test
    void shouldSkipAMessageReplayedFromEarlierInTheQueue() throws IOException {
        intruderWith(KEY); // counts from 0: its first message is the writer's first, again
        writer.appendInline(MessageKind.RUN, 7, 0, body(7), 3);
        intruder.appendInline(MessageKind.RUN, 7, 0, body(7), 3);
        writer.appendInline(MessageKind.RUN, 8, 0, body(8), 3);

        assertNext(7, 7);
        assertNext(8, 8);
        assertNull(reader.poll());
        assertEquals(1, reader.refused());
    }

    @Test
    void shouldSkipAMessageWhoseHandleWasChanged() throws IOException {
        intruderWith(ChannelKey.random());
        intruder.appendHandle(MessageKind.RESULT, 1, 0, new ArenaHandle(0, 1, 4096, 10));

        assertNull(reader.poll(), "refused before the arena is looked at");
        assertEquals(1, reader.refused());
    }
}
