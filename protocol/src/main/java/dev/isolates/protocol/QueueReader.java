package dev.isolates.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the queue a channel end tails, one framed message at a time, and deletes the files of the
 * cycles it has read past (see {@link ConsumedCycleFiles}). A message whose tag does not verify
 * under the channel's key (see {@link MessageSeal}), appended by a process that is not the other
 * end, is skipped unread, logged and counted; the peer's real messages are read on as before.
 *
 * <p>Not thread-safe: one reader thread polls.
 */
final class QueueReader implements MessageSource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueueReader.class);

    private final MessageSeal seal;
    /** Messages refused for a wrong tag; written by the reader thread, read by any. */
    private volatile long refused;
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final ConsumedCycleFiles files;
    private final TransferArena arena;
    /** The cycle the tailer was in after the last read; files of earlier cycles are deleted. */
    private int readCycle = Integer.MIN_VALUE;
    /** Reused for every inline message read: a body is decoded before the next poll. */
    private byte[] readBuffer = new byte[4096];

    /**
     * Reads {@code queue}, whose cycle files {@code files} tracks, accepting only messages tagged under
     * {@code key}; arena handles point into {@code arena}.
     */
    QueueReader(SingleChronicleQueue queue, ConsumedCycleFiles files, TransferArena arena, ChannelKey key) {
        this.queue = queue;
        this.seal = new MessageSeal(key);
        this.files = files;
        this.arena = arena;
        this.tailer = queue.createTailer();
        this.tailer.singleThreadedCheckDisabled(true);
    }

    /**
     * The next message, or null if none is waiting. An inline body is valid until the next poll.
     *
     * @throws IllegalStateException if an arena handle is stale
     */
    @Override
    public Inbound poll() throws IOException {
        while (true) {
            int length = read();
            if (length < 0) {
                return null;
            }
            if (seal.verify(readBuffer, length)) {
                return inbound(length);
            }
            refuse(length);
        }
    }

    /** Reads the next message into {@link #readBuffer}; its length, or -1 if none is waiting. */
    private int read() {
        int length;
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return -1;
            }
            Bytes<?> bytes = dc.wire().bytes();
            length = (int) bytes.readRemaining();
            if (readBuffer.length < length) {
                readBuffer = new byte[Math.max(length, 2 * readBuffer.length)];
            }
            bytes.read(readBuffer, 0, length);
        }
        if (tailer.cycle() != readCycle) {
            readCycle = tailer.cycle();
            files.deleteBefore(readCycle); // never throws: the message just read must not be lost
        }
        return length;
    }

    private Inbound inbound(int length) throws IOException {
        ByteBuffer m = ByteBuffer.wrap(readBuffer, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        MessageKind kind = EnvelopeDescriptor.kind(m);
        long correlation = EnvelopeDescriptor.correlation(m);
        int target = EnvelopeDescriptor.target(m);
        if (EnvelopeDescriptor.inline(m)) {
            return new Inbound(kind, correlation, target, EnvelopeDescriptor.inlineBody(m), null);
        }
        ArenaHandle handle = EnvelopeDescriptor.handle(m);
        return new Inbound(kind, correlation, target, arena.view(handle), handle);
    }

    private void refuse(int length) {
        long count = refused + 1;
        refused = count; // only the reader thread writes it
        if (Long.bitCount(count) != 1) {
            return; // logged at the 1st, 2nd, 4th, 8th...: a flood of forgeries cannot flood the log
        }
        LOG.warn("refused a message of {} bytes in {}: its tag does not verify under the channel's key, so it was"
                + " not written by the other end of the channel; another process that can open this queue appended"
                + " it (refused so far: {})", length, queue.file(), count);
    }

    /** How many messages were refused for a wrong tag. Safe from any thread. */
    long refused() {
        return refused;
    }

    /**
     * Throws if a queue file still to be read was cut short; see {@link CutQueueFileInternalError}.
     * A reader that found nothing for a while calls it: a fault reading a cut file may not have been
     * thrown yet.
     */
    void requireWholeFiles() {
        files.requireWhole(QueueFiles.BLOCK_SIZE);
    }

    @Override
    public void close() {
        tailer.close();
        queue.close();
    }
}
