package dev.isolates.protocol;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.ByteBufferOutput;
import com.esotericsoftware.kryo.io.KryoBufferOverflowException;
import com.esotericsoftware.kryo.io.Output;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * One end of an isolate's channel: two single-writer Chronicle queues (this end appends to one and
 * tails the other), the wake flags and doorbell that rouse a parked reader, and two transfer arenas
 * for bodies over {@link #INLINE_LIMIT}.
 *
 * <p>{@link #send} is safe from any thread. {@link #poll()} and {@link #receive(long, TimeUnit)} are
 * called by one reader thread only.
 */
public final class IsolateChannel implements AutoCloseable {
    /** Bodies up to this size travel inline in the queue; larger ones through the arena, by handle. */
    public static final int INLINE_LIMIT = 1024 * 1024;
    /** How many bytes may be appended between two looks at the free space (see {@link #checkSpace}). */
    static final long SPACE_CHECK_BYTES = 2L * 1024 * 1024;
    /** A parked reader wakes at least this often, to look again even if a ring were lost. */
    static final long PARK_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * Key of the {@link TransferArena} in a channel's Kryo context: the writer's is its outbound
     * arena, the reader's its inbound one, so serializers of arena-backed buffers can pass handles.
     */
    public static final String ARENA_CONTEXT_KEY = "dev.isolates.arena";
    /** Key of the {@link SendAttempt} in the writer's Kryo context, new for each {@code send}. */
    public static final String SEND_CONTEXT_KEY = "dev.isolates.send";

    private final Side side;
    private final KryoCodec codec;
    private final WaitStrategy wait;
    private final SingleChronicleQueue outQueue;
    private final QueueClock outClock;
    private final QueueFileReservation outReservation;
    /** Bytes appended to the out queue's current file; past {@link QueueClock#ROLL_BYTES} the next goes to a new one. */
    private long appendedInFile;
    private final SingleChronicleQueue inQueue;
    private final ConsumedCycleFiles inFiles;
    /** The cycle the tailer was in after the last read; files of earlier cycles are deleted. */
    private int readCycle = Integer.MIN_VALUE;
    private final ExcerptAppender appender;
    private final ExcerptTailer tailer;
    private final WakeFlags flags;
    private final IsolateControl control;
    private final Doorbell doorbell;
    private final TransferArena outArena;
    private final TransferArena inArena;
    private final Output inline = new Output(64 * 1024, INLINE_LIMIT);
    private final Kryo writerKryo;
    private final java.nio.file.Path outDir;
    /** Bytes appended since the file system's free space was last checked; under the send lock. */
    private long appendedSinceCheck = Long.MAX_VALUE / 2;
    /** Reused for every inline message read: a body is decoded before the next poll. */
    private byte[] readBuffer = new byte[4096];
    /** Set once by {@link #close()}, under the send lock. */
    private boolean closed;

    private void ensureOpen() throws java.nio.channels.ClosedChannelException {
        if (closed) {
            throw new java.nio.channels.ClosedChannelException();
        }
    }

    /** Bodies larger than this are refused unread; see {@link #limitInbound}. */
    private volatile long maxInboundLength = Long.MAX_VALUE;

    /** The last receive found nothing; reader thread only. */
    private boolean idle;
    private final Kryo readerKryo;
    private final ByteBuffer header = ByteBuffer.allocate(EnvelopeDescriptor.ARENA_FORM_LENGTH).order(ByteOrder.LITTLE_ENDIAN);

    @SuppressWarnings("unchecked") // Kryo's context is a raw ObjectMap
    private IsolateChannel(Side side, KryoCodec codec, WaitStrategy wait, SingleChronicleQueue outQueue,
                           QueueClock outClock, SingleChronicleQueue inQueue, ConsumedCycleFiles inFiles, WakeFlags flags,
                           Doorbell doorbell, TransferArena outArena, TransferArena inArena) {
        this.side = side;
        this.codec = codec;
        this.writerKryo = codec.dedicated();
        this.readerKryo = codec.dedicated();
        writerKryo.getContext().put(ARENA_CONTEXT_KEY, outArena);
        readerKryo.getContext().put(ARENA_CONTEXT_KEY, inArena);
        this.wait = wait;
        this.outQueue = outQueue;
        this.outDir = outQueue.file().toPath();
        this.outClock = outClock;
        this.outReservation = new QueueFileReservation(outQueue);
        this.inQueue = inQueue;
        this.inFiles = inFiles;
        this.appender = outQueue.createAppender();
        this.appender.singleThreadedCheckDisabled(true); // sends are serialised by this class's lock
        this.tailer = inQueue.createTailer();
        this.tailer.singleThreadedCheckDisabled(true);
        this.flags = flags;
        this.control = new IsolateControl(flags.map());
        this.doorbell = doorbell;
        this.outArena = outArena;
        this.inArena = inArena;
    }

    /**
     * Opens {@code side}'s end of the channel at {@code paths} over a connected doorbell socket,
     * which the channel owns from then on: it is closed with the channel, or at once if opening fails.
     *
     * @param supervisorArena the arena the supervisor writes into
     * @param workerArena     the arena the worker writes into
     */
    public static IsolateChannel open(Side side, IsolatePaths paths, SocketChannel bell, Path supervisorArena,
                                      Path workerArena, KryoCodec codec, WaitStrategy wait) throws IOException {
        Unconnected files;
        try {
            files = prepare(side, paths, supervisorArena, workerArena);
        } catch (IOException | RuntimeException e) {
            closeBell(bell, e);
            throw e;
        }
        return files.connect(bell, codec, wait);
    }

    /**
     * Opens {@code side}'s files of the channel at {@code paths} (queues, wake flags, arenas), to be
     * connected to its doorbell later. The supervisor opens its end before it starts the worker's
     * JVM: Chronicle opens a queue under an exclusive lock on its {@code metadata.cq4t} and waits at
     * most 10 s for it, so two JVMs opening one queue at once fail when the holder, a JVM just
     * starting on a busy machine, takes longer than that.
     */
    public static Unconnected prepare(Side side, IsolatePaths paths, Path supervisorArena, Path workerArena)
            throws IOException {
        Path outDir = side == Side.SUPERVISOR ? paths.inQueue() : paths.outQueue();
        Path inDir = side == Side.SUPERVISOR ? paths.outQueue() : paths.inQueue();
        SingleChronicleQueue out = null;
        SingleChronicleQueue in = null;
        TransferArena outArena = null;
        try {
            WakeFlags flags = WakeFlags.open(paths.wakeFlags());
            QueueClock outClock = QueueClock.of(flags, side);
            out = QueueFiles.openForWriting(outDir, outClock);
            ConsumedCycleFiles inFiles = new ConsumedCycleFiles();
            in = QueueFiles.openForReading(inDir, QueueClock.of(flags, side.peer()), inFiles);
            outArena = TransferArena.open(side == Side.SUPERVISOR ? supervisorArena : workerArena);
            TransferArena inArena = TransferArena.open(side == Side.SUPERVISOR ? workerArena : supervisorArena);
            return new Unconnected(side, out, outClock, in, inFiles, flags, outArena, inArena);
        } catch (IOException | RuntimeException e) {
            if (out != null) {
                out.close();
            }
            if (in != null) {
                in.close();
            }
            if (outArena != null) {
                outArena.close();
            }
            throw e;
        }
    }

    private static void closeBell(SocketChannel bell, Exception failure) {
        try {
            bell.close();
        } catch (IOException closing) {
            failure.addSuppressed(closing);
        }
    }

    /**
     * One end's files of a channel, open, waiting for its doorbell socket. Closing it closes the
     * files unless {@link #connect} made a channel of them. Used by one thread.
     */
    public static final class Unconnected implements AutoCloseable {
        private final Side side;
        private final SingleChronicleQueue out;
        private final QueueClock outClock;
        private final SingleChronicleQueue in;
        private final ConsumedCycleFiles inFiles;
        private final WakeFlags flags;
        private final TransferArena outArena;
        private final TransferArena inArena;
        private boolean connected;

        private Unconnected(Side side, SingleChronicleQueue out, QueueClock outClock, SingleChronicleQueue in,
                            ConsumedCycleFiles inFiles, WakeFlags flags, TransferArena outArena, TransferArena inArena) {
            this.side = side;
            this.out = out;
            this.outClock = outClock;
            this.in = in;
            this.inFiles = inFiles;
            this.flags = flags;
            this.outArena = outArena;
            this.inArena = inArena;
        }

        /**
         * The channel over these files and the connected {@code bell}, which it owns from then on;
         * if this fails, the files and the socket are closed.
         */
        public IsolateChannel connect(SocketChannel bell, KryoCodec codec, WaitStrategy wait) throws IOException {
            try {
                IsolateChannel channel = new IsolateChannel(side, codec, wait, out, outClock, in, inFiles, flags,
                        new Doorbell(bell), outArena, inArena);
                connected = true;
                return channel;
            } catch (IOException | RuntimeException e) {
                closeBell(bell, e);
                close();
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            if (connected) {
                return;
            }
            connected = true; // once
            out.close();
            in.close();
            try {
                outArena.close();
            } finally {
                inArena.close();
            }
        }
    }

    /** Which end this is. */
    public Side side() {
        return side;
    }

    /** The codec bodies are written with. */
    public KryoCodec codec() {
        return codec;
    }

    /**
     * Encodes {@code body} and appends it; a body over {@link #INLINE_LIMIT} goes through the arena.
     * Nothing is appended if encoding fails.
     *
     * @throws UnsendableObjectException if the body holds something that cannot be sent
     */
    public void send(MessageKind kind, long correlation, Object body) throws IOException {
        send(kind, correlation, 0, body);
    }

    /**
     * As {@link #send(MessageKind, long, Object)}, addressed to isolate {@code target}: the supervisor
     * routes port messages by it without decoding their bodies.
     */
    @SuppressWarnings("unchecked") // Kryo's context is a raw ObjectMap
    public synchronized void send(MessageKind kind, long correlation, int target, Object body) throws IOException {
        ensureOpen();
        SendAttempt attempt = new SendAttempt();
        writerKryo.getContext().put(SEND_CONTEXT_KEY, attempt);
        try {
            inline.reset();
            boolean fits;
            try {
                codec.encode(writerKryo, body, inline);
                fits = true;
            } catch (KryoBufferOverflowException tooBig) {
                fits = false;
            }
            if (fits) {
                appendInline(kind, correlation, target, inline.getBuffer(), 0, inline.position());
            } else {
                inline.reset();
                ArenaHandle handle = writeToArena(body);
                attempt.whenFailed(() -> outArena.withdraw(handle));
                appendHandle(kind, correlation, target, handle);
            }
        } catch (IOException | RuntimeException | Error e) {
            attempt.failed(e);
            throw e;
        } finally {
            writerKryo.getContext().remove(SEND_CONTEXT_KEY);
        }
        attempt.sent();
        wakePeer();
    }

    /**
     * Appends a body that was encoded elsewhere (read from another isolate's channel) without
     * decoding it: the supervisor's routing of port messages between workers.
     */
    public synchronized void forward(MessageKind kind, long correlation, int target, ByteBuffer body) throws IOException {
        ensureOpen();
        ByteBuffer src = body.duplicate();
        int length = src.remaining();
        if (length <= INLINE_LIMIT) {
            byte[] bytes = new byte[length];
            src.get(bytes);
            appendInline(kind, correlation, target, bytes, 0, length);
        } else {
            TransferArena.Slot slot = outArena.allocateLargest(length);
            slot.buffer().put(src);
            ArenaHandle handle = outArena.publish(slot, length);
            try {
                appendHandle(kind, correlation, target, handle);
            } catch (IOException | RuntimeException | Error e) {
                outArena.withdraw(handle);
                throw e;
            }
        }
        wakePeer();
    }

    private ArenaHandle writeToArena(Object body) throws IOException {
        long minimum = 2L * INLINE_LIMIT;
        for (int attempt = 0; ; attempt++) {
            TransferArena.Slot slot = outArena.allocateLargest(minimum);
            ByteBufferOutput out = new ByteBufferOutput(slot.buffer());
            try {
                codec.encode(writerKryo, body, out);
            } catch (KryoBufferOverflowException e) {
                outArena.abandon(slot);
                if (attempt > 0) {
                    throw new IOException("transfer arena " + outArena.file() + " could not fit a body of "
                            + minimum + " bytes", e);
                }
                minimum = encodedLength(body);
                continue;
            } catch (RuntimeException | Error e) {
                outArena.abandon(slot);
                throw e;
            }
            return outArena.publish(slot, out.position());
        }
    }

    private long encodedLength(Object body) {
        CountingSink sink = new CountingSink();
        try (Output counting = new Output(sink, 1 << 16)) {
            codec.encode(writerKryo, body, counting);
            counting.flush();
        }
        return sink.count;
    }

    /**
     * What appending {@code length} bytes to the out queue takes first: a new file, room, and the
     * pages it will be written into (see {@link QueueFileReservation}).
     */
    private void beforeAppend(long length) throws IOException {
        rollWhenFull(length);
        checkSpace(length);
        outReservation.reserve(outQueue.cycle(), length);
    }

    /**
     * Moves the out queue's clock once the current file holds {@link QueueClock#ROLL_BYTES}, so this
     * message opens a new file; the reader deletes the old one once it reads past it.
     */
    private void rollWhenFull(long length) {
        appendedInFile += length;
        if (appendedInFile > QueueClock.ROLL_BYTES) {
            outClock.advance();
            appendedInFile = length;
        }
    }

    /**
     * The queue file grows into mapped pages as it is written; on a full file system touching one
     * is a SIGBUS. So look at the free space again every {@link #SPACE_CHECK_BYTES} appended, while
     * the room left still covers more than that.
     */
    private void checkSpace(long length) throws IOException {
        appendedSinceCheck += length;
        if (appendedSinceCheck >= SPACE_CHECK_BYTES) {
            FreeSpace.require(outDir, outDir, 2 * QueueFiles.BLOCK_SIZE);
            appendedSinceCheck = 0;
        }
    }

    private void appendInline(MessageKind kind, long correlation, int target, byte[] body, int offset, int length)
            throws IOException {
        beforeAppend(length + EnvelopeDescriptor.HEADER_LENGTH);
        header.clear();
        header.put(EnvelopeDescriptor.KIND_OFFSET, kind.code());
        header.put(EnvelopeDescriptor.FORM_OFFSET, EnvelopeDescriptor.FORM_INLINE);
        header.putInt(EnvelopeDescriptor.TARGET_OFFSET, target);
        header.putLong(EnvelopeDescriptor.CORRELATION_OFFSET, correlation);
        try (DocumentContext dc = appender.writingDocument()) {
            try {
                Bytes<?> bytes = dc.wire().bytes();
                bytes.write(header.array(), 0, EnvelopeDescriptor.HEADER_LENGTH);
                bytes.write(body, offset, length);
                outReservation.appended(bytes.writePosition());
            } catch (RuntimeException | Error e) {
                dc.rollbackOnClose(); // else closing commits a partial message
                throw e;
            }
        }
    }

    private void appendHandle(MessageKind kind, long correlation, int target, ArenaHandle handle) throws IOException {
        beforeAppend(EnvelopeDescriptor.ARENA_FORM_LENGTH);
        header.clear();
        header.put(EnvelopeDescriptor.KIND_OFFSET, kind.code());
        header.put(EnvelopeDescriptor.FORM_OFFSET, EnvelopeDescriptor.FORM_ARENA);
        header.putInt(EnvelopeDescriptor.TARGET_OFFSET, target);
        header.putLong(EnvelopeDescriptor.CORRELATION_OFFSET, correlation);
        header.putInt(EnvelopeDescriptor.SLOT_OFFSET, handle.slot());
        header.putInt(EnvelopeDescriptor.GENERATION_OFFSET, handle.generation());
        header.putLong(EnvelopeDescriptor.DATA_OFFSET_OFFSET, handle.offset());
        header.putLong(EnvelopeDescriptor.DATA_LENGTH_OFFSET, handle.length());
        try (DocumentContext dc = appender.writingDocument()) {
            try {
                Bytes<?> bytes = dc.wire().bytes();
                bytes.write(header.array(), 0, EnvelopeDescriptor.ARENA_FORM_LENGTH);
                outReservation.appended(bytes.writePosition());
            } catch (RuntimeException | Error e) {
                dc.rollbackOnClose();
                throw e;
            }
        }
    }

    /** The isolate's lifecycle words, shared with the other end. */
    public IsolateControl control() {
        return control;
    }

    /** Rings the other end awake if it is parked, so it looks at its control words. Safe from any thread. */
    public void nudge() {
        wakePeer();
    }

    /**
     * Parks this end's reader without reading while {@code needed} holds, until nudged, the peer is
     * gone, or {@code timeout} passes; for an isolate that is paused. {@code needed} is looked at
     * again once this end says it is parked: the peer changes what it reads and then nudges, so one
     * of the two sees the other and a resume is never missed. Called by the reader thread only.
     *
     * @throws PeerGoneException when the other process closed its end
     */
    public void park(long timeout, TimeUnit unit, BooleanSupplier needed) throws IOException {
        flags.markParked(side);
        try {
            if (!needed.getAsBoolean()) {
                return;
            }
            if (doorbell.await(unit.toNanos(timeout)) == Doorbell.Wake.PEER_GONE) {
                throw new PeerGoneException("the " + side.peer().name().toLowerCase(java.util.Locale.ROOT)
                        + " closed the channel");
            }
        } finally {
            flags.markRunning(side);
        }
    }

    private void wakePeer() {
        VarHandle.fullFence(); // the append must be visible before we read the peer's flag (Dekker)
        if (flags.claimWake(side.peer())) {
            doorbell.ring();
        }
    }

    /**
     * The next message, or null if none is waiting. An inline body is valid until the next poll:
     * decode, forward or release it first.
     */
    public Inbound poll() throws IOException {
        byte[] message;
        int length;
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return null;
            }
            Bytes<?> bytes = dc.wire().bytes();
            length = (int) bytes.readRemaining();
            if (readBuffer.length < length) {
                readBuffer = new byte[Math.max(length, 2 * readBuffer.length)];
            }
            message = readBuffer;
            bytes.read(message, 0, length);
        }
        if (tailer.cycle() != readCycle) {
            readCycle = tailer.cycle();
            inFiles.deleteBefore(readCycle); // never throws: the message just read must not be lost
        }
        ByteBuffer m = ByteBuffer.wrap(message, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        MessageKind kind = MessageKind.of(m.get(EnvelopeDescriptor.KIND_OFFSET));
        long correlation = m.getLong(EnvelopeDescriptor.CORRELATION_OFFSET);
        int target = m.getInt(EnvelopeDescriptor.TARGET_OFFSET);
        if (m.get(EnvelopeDescriptor.FORM_OFFSET) == EnvelopeDescriptor.FORM_INLINE) {
            ByteBuffer body = ByteBuffer.wrap(message, EnvelopeDescriptor.HEADER_LENGTH,
                    length - EnvelopeDescriptor.HEADER_LENGTH).slice();
            return new Inbound(kind, correlation, target, body, null);
        }
        ArenaHandle handle = new ArenaHandle(m.getInt(EnvelopeDescriptor.SLOT_OFFSET),
                m.getInt(EnvelopeDescriptor.GENERATION_OFFSET), m.getLong(EnvelopeDescriptor.DATA_OFFSET_OFFSET),
                m.getLong(EnvelopeDescriptor.DATA_LENGTH_OFFSET));
        return new Inbound(kind, correlation, target, inArena.view(handle), handle);
    }

    /**
     * The next message, waiting up to {@code timeout}: spins and yields as the wait strategy says,
     * then parks on the doorbell.
     *
     * @return the message, or null when the time ran out
     * @throws PeerGoneException when the other process closed its end and nothing is left to read
     */
    public Inbound receive(long timeout, TimeUnit unit) throws IOException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        // After a receive that found nothing, go straight back to parking: spinning again on every
        // call of an idle reader would cost a busy loop per time slice.
        int emptyPolls = idle ? Integer.MAX_VALUE / 2 : 0;
        boolean parked = idle;
        while (true) {
            Inbound m = poll();
            if (m != null) {
                idle = false;
                wait.delivered(parked);
                return m;
            }
            if (wait.idle(emptyPolls++)) {
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                idle = true;
                return null;
            }
            flags.markParked(side);
            m = poll();
            if (m != null) {
                flags.markRunning(side);
                wait.delivered(true);
                return m;
            }
            parked = true;
            Doorbell.Wake wake = doorbell.await(Math.min(left, PARK_SLICE_NANOS));
            flags.markRunning(side);
            if (wake == Doorbell.Wake.TIMED_OUT) {
                continue; // nothing came: look once more, then park again without spinning
            }
            if (wake == Doorbell.Wake.PEER_GONE) {
                m = poll();
                if (m != null) {
                    return m;
                }
                throw new PeerGoneException("the " + side.peer().name().toLowerCase(java.util.Locale.ROOT)
                        + " closed the channel");
            }
            emptyPolls = 0;
        }
    }

    /**
     * Decodes the body of {@code m} and frees its arena slot, if any. Called by the reader thread only.
     *
     * @throws UnreadableMessageException if the body is over {@link #limitInbound the limit}, nests
     *                                    too deeply, or decoding it met an {@link Error}
     */
    public Object decode(Inbound m) {
        try {
            refuseOversized(m);
            return codec.decode(readerKryo, m.body());
        } finally {
            release(m);
        }
    }

    /**
     * Refuses, from now on, to decode or pass on bodies of more than {@code bytes} from the other
     * end: for an untrusted peer, whose message could otherwise take this JVM's whole heap.
     * Safe from any thread.
     */
    public void limitInbound(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("the inbound limit must be at least 1 byte, was " + bytes);
        }
        maxInboundLength = bytes;
    }

    /**
     * Throws if {@code m}'s body is over the inbound limit; for a reader that passes bodies on
     * unread. Does not free the message.
     */
    public void refuseOversized(Inbound m) {
        long length = m.body().remaining();
        long limit = maxInboundLength;
        if (length > limit) {
            throw new UnreadableMessageException("a message of " + length + " bytes from the "
                    + side.peer().name().toLowerCase(java.util.Locale.ROOT) + " is over the limit of " + limit
                    + " bytes and was refused unread; raise it with IsolateOptions.builder().maxMessageSize(...)",
                    length, false, null);
        }
    }

    /** Frees the arena slot behind {@code m}; harmless for inline messages and when repeated. */
    public void release(Inbound m) {
        if (m.handle() != null) {
            inArena.release(m.handle());
        }
    }

    /** True once the other process was seen gone. */
    public boolean peerGone() {
        return doorbell.peerGone();
    }

    /** The arena this end writes large bodies into. */
    public TransferArena outboundArena() {
        return outArena;
    }

    /** The arena this end reads large bodies from. */
    public TransferArena inboundArena() {
        return inArena;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true; // under the send lock: no send is half-way through, and none starts after this
        try {
            appender.close();
            tailer.close();
            outQueue.close();
            inQueue.close();
            outReservation.close();
        } finally {
            try {
                doorbell.close();
            } finally {
                outArena.close();
                inArena.close();
                codec.giveBack(writerKryo);
                codec.giveBack(readerKryo);
            }
        }
    }

    private static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
