package dev.isolates.protocol;

import com.esotericsoftware.kryo.Kryo;
import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One end of an isolate's channel: two single-writer Chronicle queues (this end appends to one and
 * tails the other), the wake flags and doorbell that rouse a parked reader, and two transfer arenas
 * for bodies over {@link #INLINE_LIMIT}. The work is done by small parts: a {@link BodyEncoder}
 * encodes each body once into its final place, a {@link QueueWriter} frames and appends it, a
 * {@link QueueReader} reads frames back, and a {@link Receiver} spins and parks for them.
 *
 * <p>{@link #send} is safe from any thread. {@link #poll()} and {@link #receive(long, TimeUnit)} are
 * called by one reader thread only.
 */
public final class IsolateChannel implements AutoCloseable {
    /** Bodies up to this size travel inline in the queue; larger ones through the arena, by handle. */
    public static final int INLINE_LIMIT = 1024 * 1024;

    private final Side side;
    private final KryoCodec codec;
    private final QueueWriter writer;
    private final QueueReader reader;
    private final Receiver receiver;
    private final BodyEncoder encoder;
    private final WakeFlags flags;
    private final IsolateControl control;
    private final Doorbell doorbell;
    private final TransferArena outArena;
    private final TransferArena inArena;
    private final Kryo writerKryo;
    private final Kryo readerKryo;
    /** Set once by {@link #close()}, under the send lock. */
    private boolean closed;
    /** Bodies larger than this are refused unread; see {@link #limitInbound}. */
    private volatile long maxInboundLength = Long.MAX_VALUE;

    private IsolateChannel(ChannelFiles files, ChannelKey key, Doorbell doorbell, KryoCodec codec, WaitStrategy wait) {
        this.side = files.side();
        this.codec = codec;
        this.writerKryo = codec.dedicated();
        this.readerKryo = codec.dedicated();
        TransferSerializer.receiveFrom(readerKryo, files.inArena());
        this.encoder = new BodyEncoder(codec, writerKryo, files.outArena(), INLINE_LIMIT);
        this.writer = new QueueWriter(files.out(), files.outClock(), key);
        this.reader = new QueueReader(files.in(), files.inFiles(), files.inArena(), key);
        this.receiver = new Receiver(side, reader, wait, files.flags(), doorbell);
        this.flags = files.flags();
        this.control = new IsolateControl(flags.map());
        this.doorbell = doorbell;
        this.outArena = files.outArena();
        this.inArena = files.inArena();
    }

    /**
     * Opens {@code side}'s end of the channel at {@code paths} over a connected doorbell socket,
     * which the channel owns from then on: it is closed with the channel, or at once if opening fails.
     *
     * @param supervisorArena the arena the supervisor writes into
     * @param workerArena     the arena the worker writes into
     * @param key             the secret both ends tag and verify every message with
     */
    public static IsolateChannel open(Side side, IsolatePaths paths, SocketChannel bell, Path supervisorArena,
                                      Path workerArena, ChannelKey key, KryoCodec codec, WaitStrategy wait)
            throws IOException {
        Unconnected files;
        try {
            files = prepare(side, paths, supervisorArena, workerArena, key);
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
     * starting on a busy machine, takes longer than that. Messages are tagged and verified under {@code key}.
     */
    public static Unconnected prepare(Side side, IsolatePaths paths, Path supervisorArena, Path workerArena,
                                      ChannelKey key) throws IOException {
        return new Unconnected(ChannelFiles.open(side, paths, supervisorArena, workerArena), key);
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
        private final ChannelFiles files;
        private final ChannelKey key;
        private boolean connected;

        private Unconnected(ChannelFiles files, ChannelKey key) {
            this.files = files;
            this.key = key;
        }

        /**
         * The channel over these files and the connected {@code bell}, which it owns from then on;
         * if this fails, the files and the socket are closed.
         */
        public IsolateChannel connect(SocketChannel bell, KryoCodec codec, WaitStrategy wait) throws IOException {
            try {
                IsolateChannel channel = new IsolateChannel(files, key, new Doorbell(bell), codec, wait);
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
            files.close();
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
    public synchronized void send(MessageKind kind, long correlation, int target, Object body) throws IOException {
        ensureOpen();
        SendAttempt attempt = new SendAttempt(outArena);
        try {
            EncodedBody encoded = encoder.encode(body, attempt);
            if (encoded.inArena()) {
                writer.appendHandle(kind, correlation, target, encoded.handle());
            } else {
                writer.appendInline(kind, correlation, target, encoded.inline(), encoded.length());
            }
        } catch (IOException | RuntimeException | Error e) {
            attempt.failed(e);
            throw e;
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
        if (length <= INLINE_LIMIT && src.hasArray()) {
            writer.appendInline(kind, correlation, target, src.array(), src.arrayOffset() + src.position(), length);
        } else if (length <= INLINE_LIMIT) {
            byte[] bytes = new byte[length];
            src.get(bytes);
            writer.appendInline(kind, correlation, target, bytes, length);
        } else {
            TransferArena.Slot slot = outArena.allocateLargest(length);
            slot.buffer().put(src);
            ArenaHandle handle = outArena.publish(slot, length);
            try {
                writer.appendHandle(kind, correlation, target, handle);
            } catch (IOException | RuntimeException | Error e) {
                outArena.withdraw(handle);
                throw e;
            }
        }
        wakePeer();
    }

    private void ensureOpen() throws ClosedChannelException {
        if (closed) {
            throw new ClosedChannelException();
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
        receiver.park(timeout, unit, needed);
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
        return reader.poll();
    }

    /**
     * The next message, waiting up to {@code timeout}: spins and yields as the wait strategy says,
     * then parks on the doorbell.
     *
     * @return the message, or null when the time ran out
     * @throws PeerGoneException when the other process closed its end and nothing is left to read
     */
    public Inbound receive(long timeout, TimeUnit unit) throws IOException {
        return receiver.receive(timeout, unit);
    }

    /**
     * Throws if a queue file this end reads was cut short under it, so that a reader which found
     * nothing learns of a fault the JVM has not thrown yet. Called by the reader thread only.
     *
     * @throws CutQueueFileInternalError naming the file
     */
    public void requireWholeInbound() {
        reader.requireWholeFiles();
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
                    + side.peer().name().toLowerCase(Locale.ROOT) + " is over the limit of " + limit
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

    /**
     * How many messages this end refused unread because their tag did not verify under the channel's
     * key: appended by another process that opened the queue, not by the other end. Safe from any thread.
     */
    public long refusedMessages() {
        return reader.refused();
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
            writer.close();
            reader.close();
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
}
