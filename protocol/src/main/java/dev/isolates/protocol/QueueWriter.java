package dev.isolates.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Appends framed messages to the queue a channel end writes. Before each append it rolls the queue
 * to a new file once the current one holds {@link QueueClock#ROLL_BYTES}, looks at the free space
 * every {@link #SPACE_CHECK_BYTES}, and reserves the pages the message will be written into (see
 * {@link QueueFileReservation}). An append that fails leaves nothing in the queue.
 *
 * <p>Not thread-safe: the channel calls it under its send lock.
 */
final class QueueWriter implements AutoCloseable {
    /** How many bytes may be appended between two looks at the free space. */
    static final long SPACE_CHECK_BYTES = 2L * 1024 * 1024;

    /** Throws {@link InsufficientSpaceException} unless the file system of {@code dir} has {@code bytes} free. */
    interface RoomCheck {
        void require(Path dir, long bytes) throws IOException;
    }

    private final SingleChronicleQueue queue;
    private final QueueClock clock;
    private final QueueFileReservation reservation;
    private final ExcerptAppender appender;
    private final Path dir;
    private final long rollBytes;
    private final RoomCheck room;
    private final ByteBuffer header = EnvelopeDescriptor.headerBuffer();
    private final MessageSeal seal;
    /** Bytes appended to the current file; past {@link #rollBytes} the next message goes to a new one. */
    private long appendedInFile;
    /** Bytes appended since the free space was last looked at; the first append looks. */
    private long appendedSinceCheck = Long.MAX_VALUE / 2;

    /** Appends to {@code queue}, each message tagged under {@code key}. */
    QueueWriter(SingleChronicleQueue queue, QueueClock clock, ChannelKey key) {
        this(queue, clock, key, QueueClock.ROLL_BYTES, (dir, bytes) -> FreeSpace.require(dir, dir, bytes));
    }

    QueueWriter(SingleChronicleQueue queue, QueueClock clock, ChannelKey key, long rollBytes, RoomCheck room) {
        this.queue = queue;
        this.seal = new MessageSeal(key);
        this.clock = clock;
        this.rollBytes = rollBytes;
        this.room = room;
        this.dir = queue.file().toPath();
        this.reservation = new QueueFileReservation(queue);
        this.appender = queue.createAppender();
        this.appender.singleThreadedCheckDisabled(true); // appends are serialised by the channel's lock
    }

    /** Appends a message whose body is the first {@code length} bytes of {@code body}. */
    void appendInline(MessageKind kind, long correlation, int target, byte[] body, int length) throws IOException {
        appendInline(kind, correlation, target, body, 0, length);
    }

    /** Appends a message whose body is {@code length} bytes of {@code body} from {@code offset}. */
    void appendInline(MessageKind kind, long correlation, int target, byte[] body, int offset, int length)
            throws IOException {
        int headerLength = EnvelopeDescriptor.writeInline(header, kind, correlation, target);
        append(headerLength, body, offset, length);
    }

    /** Appends a message that carries {@code handle} in place of its body. */
    void appendHandle(MessageKind kind, long correlation, int target, ArenaHandle handle) throws IOException {
        append(EnvelopeDescriptor.writeArena(header, kind, correlation, target, handle), null, 0, 0);
    }

    private void append(int headerLength, byte[] body, int offset, int length) throws IOException {
        long total = headerLength + (long) length;
        rollWhenFull(total);
        checkRoom(total);
        reservation.reserve(queue.cycle(), total);
        EnvelopeDescriptor.putTag(header, seal.tag(header.array(), headerLength, body, offset, length));
        try (DocumentContext dc = appender.writingDocument()) {
            try {
                Bytes<?> bytes = dc.wire().bytes();
                bytes.write(header.array(), 0, headerLength);
                if (length > 0) {
                    bytes.write(body, offset, length);
                }
                reservation.appended(bytes.writePosition());
            } catch (RuntimeException | Error e) {
                dc.rollbackOnClose(); // else closing commits a partial message
                throw e;
            }
        }
        seal.advance();
    }

    /**
     * Moves the queue's clock once the current file holds {@link #rollBytes}, so this message opens a
     * new file; the reader deletes the old one once it reads past it.
     */
    private void rollWhenFull(long length) {
        appendedInFile += length;
        if (appendedInFile > rollBytes) {
            clock.advance();
            appendedInFile = length;
        }
    }

    /**
     * The queue file grows into mapped pages as it is written; on a full file system touching one
     * is a SIGBUS. So look at the free space again every {@link #SPACE_CHECK_BYTES} appended, while
     * the room left still covers more than that.
     */
    private void checkRoom(long length) throws IOException {
        appendedSinceCheck += length;
        if (appendedSinceCheck >= SPACE_CHECK_BYTES) {
            room.require(dir, 2 * QueueFiles.BLOCK_SIZE);
            appendedSinceCheck = 0;
        }
    }

    /** The cycle the queue's clock is in: the file the next message goes to, unless it rolls first. */
    int cycle() {
        return queue.cycle();
    }

    /** Closes the appender, the queue and the reservation's file. */
    @Override
    public void close() throws IOException {
        appender.close();
        queue.close();
        reservation.close();
    }
}
