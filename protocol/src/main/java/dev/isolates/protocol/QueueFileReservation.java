package dev.isolates.protocol;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.impl.single.PrecreatedFiles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reserves the pages of a queue's cycle files ahead of its one writer, by writing zeros through the
 * file channel, so that no mapped write, and no read of the peer, ever touches a page the file
 * system has not allocated. A free-space check alone races with other writers of the file system:
 * another process may take the room between the check and the mapped write, which then faults
 * (SIGBUS, or an {@code InternalError} "a fault occurred in a recent unsafe memory access").
 * Reserving fails instead as an {@link InsufficientSpaceException} before anything is written.
 *
 * <p>A new cycle's file is made here first, as Chronicle's {@code .precreated} file, which the queue
 * renames into place when it opens the cycle. So every byte the queue writes lies below
 * {@link #reservedEnd}, and zeros are written only above it: never over the queue's data.
 *
 * <p>Not thread-safe: called under the writer's send lock.
 */
final class QueueFileReservation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueueFileReservation.class);
    /**
     * Room for what the queue writes besides a message: a cycle file starts with its header, the
     * index of indexes and a first index (256 KiB each at 32 Ki entries), and a message may be
     * followed by a new index.
     */
    static final long SLACK = 1L << 20;
    /** Where the first message of a new cycle file starts at the latest. */
    static final long FIRST_MESSAGE_AT = 1L << 20;
    /** The least a reservation grows by, so that small messages do not each cost a write. */
    static final long STEP = 2L << 20;
    private static final int ZEROS = 1 << 20;
    /** One buffer of zeros for every queue of this JVM (a supervisor has one per isolate); each write takes a view. */
    private static final ByteBuffer SHARED_ZEROS = ByteBuffer.allocateDirect(ZEROS).asReadOnlyBuffer();

    private final Path dir;
    private final RollingResourcesCache files;
    private int cycle = Integer.MIN_VALUE;
    /** The pre-created file of {@link #cycle}, which the queue renames into place; null when not tracking. */
    private FileChannel channel;
    /** Bytes reserved from the file's start; every byte the queue wrote lies below. */
    private long reservedEnd;
    /** Where the last message ended; the next starts after it and perhaps an index. */
    private long messageEnd;
    /** False for a cycle file this class did not make: how far the queue wrote it is unknown. */
    private boolean tracking;

    QueueFileReservation(SingleChronicleQueue queue) {
        this.dir = queue.file().toPath();
        this.files = new RollingResourcesCache(queue.rollCycle(), queue.epoch(),
                name -> new File(dir.toFile(), name + SingleChronicleQueue.SUFFIX), File::getName);
    }

    /**
     * Reserves room for a message of {@code length} bytes in the file of {@code cycle}, the cycle the
     * queue's clock says the message goes into.
     *
     * @throws InsufficientSpaceException when the file system has no room for it; nothing was written
     */
    void reserve(int cycle, long length) throws IOException {
        if (cycle != this.cycle) {
            openCycle(cycle);
        }
        if (!tracking) {
            return;
        }
        long needed = messageEnd + length + SLACK;
        if (needed > reservedEnd) {
            extendTo(ArenaSlotDescriptor.pageAlign(Math.max(needed, reservedEnd + STEP)));
        }
    }

    /** The queue wrote a message ending at {@code position} of the current cycle's file. */
    void appended(long position) {
        messageEnd = Math.max(messageEnd, position);
    }

    private void openCycle(int next) throws IOException {
        closeChannel();
        Path cycleFile = files.resourceFor(next).path.toPath();
        cycle = next;
        reservedEnd = 0;
        messageEnd = FIRST_MESSAGE_AT;
        if (Files.exists(cycleFile)) {
            // made by an earlier writer of this queue: its extent is the queue's business
            LOG.debug("queue file {} exists already; its pages are not reserved ahead", cycleFile);
            tracking = false;
            return;
        }
        tracking = true;
        Path file = PrecreatedFiles.preCreatedFile(cycleFile.toFile()).toPath();
        // The channel stays valid when the queue renames the file into place: it names the same file.
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        reservedEnd = channel.size();
    }

    private void extendTo(long end) throws IOException {
        FileChannel ch = channel;
        long pos = reservedEnd;
        ByteBuffer zeros = SHARED_ZEROS.duplicate();
        try {
            while (pos < end) {
                zeros.clear().limit((int) Math.min(ZEROS, end - pos));
                while (zeros.hasRemaining()) {
                    pos += ch.write(zeros, pos);
                }
                reservedEnd = pos;
            }
        } catch (IOException e) {
            long available = Files.getFileStore(dir).getUsableSpace();
            if (available >= end - reservedEnd) {
                throw e; // not for want of room
            }
            InsufficientSpaceException full = new InsufficientSpaceException(dir, end - reservedEnd, available);
            full.initCause(e);
            throw full;
        }
    }

    private void closeChannel() throws IOException {
        if (channel != null) {
            FileChannel c = channel;
            channel = null;
            c.close(); // the reader deletes the file once read past; an open channel would keep its pages
        }
    }

    @Override
    public void close() throws IOException {
        closeChannel();
    }
}
