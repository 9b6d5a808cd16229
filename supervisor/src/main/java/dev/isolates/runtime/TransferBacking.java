package dev.isolates.runtime;

import dev.isolates.protocol.ArenaHandle;
import dev.isolates.protocol.SendAttempt;
import dev.isolates.protocol.TransferArena;
import java.nio.ByteBuffer;

/**
 * The memory behind a {@link dev.isolates.TransferableBuffer} and where it is in its life: writable
 * by its sender until sent, then received (a view of the sender's arena, or a copy), materialized
 * once, closed.
 *
 * <p>Thread-safe; a buffer is meant to be used by one thread at a time.
 */
public final class TransferBacking {
    private enum State { WRITABLE, SENT, RECEIVED, MATERIALIZED, CLOSED }

    private final long size;
    private final TransferArena arena;
    private final TransferArena.Slot slot;
    private final ByteBuffer memory;
    private ArenaHandle handle;
    private State state;
    /** The channel send that took this buffer, which may encode it again when retrying; null if none. */
    private Object sentBy;

    private TransferBacking(long size, TransferArena arena, TransferArena.Slot slot, ByteBuffer memory,
                            ArenaHandle handle, State state) {
        this.size = size;
        this.arena = arena;
        this.slot = slot;
        this.memory = memory;
        this.handle = handle;
        this.state = state;
    }

    /** Sender side, in a slot of the arena this isolate writes to the supervisor. */
    public static TransferBacking inArena(TransferArena arena, TransferArena.Slot slot, long size) {
        return new TransferBacking(size, arena, slot, slot.buffer(), null, State.WRITABLE);
    }

    /** Sender side, on the heap: copied when sent. */
    public static TransferBacking onHeap(long size) {
        return new TransferBacking(size, null, null, ByteBuffer.allocate((int) size), null, State.WRITABLE);
    }

    /** Receiver side: a read-only view of the sender's arena, held until closed. */
    static TransferBacking received(TransferArena arena, ArenaHandle handle, ByteBuffer view) {
        return new TransferBacking(view.remaining(), arena, null, view, handle, State.RECEIVED);
    }

    /** Receiver side: bytes that were copied on the way. */
    static TransferBacking receivedCopy(ByteBuffer bytes) {
        return new TransferBacking(bytes.remaining(), null, null, bytes.asReadOnlyBuffer(), null, State.RECEIVED);
    }

    /** Its size in bytes. */
    public long size() {
        return size;
    }

    /** The sender's writable view. */
    public synchronized ByteBuffer writable() {
        if (state != State.WRITABLE) {
            throw new IllegalStateException("this TransferableBuffer is " + describe(state)
                    + "; only its sender may write it, and only until it is sent");
        }
        return memory.duplicate().clear();
    }

    /** The receiver's read-only view, once. */
    public synchronized ByteBuffer materialize() {
        if (state == State.RECEIVED) {
            state = State.MATERIALIZED;
            return memory.duplicate();
        }
        throw new IllegalStateException("this TransferableBuffer is " + describe(state)
                + "; only a received buffer can be materialized, and only once");
    }

    /**
     * For the serializer: when this buffer lives in {@code writer}'s arena and is still writable,
     * hands the slot over and returns its handle; null when the bytes must be copied instead.
     * Encoding again within the same channel send ({@code send}, non-null) gives the same answer.
     */
    synchronized ArenaHandle handOver(TransferArena writer, Object send) {
        if (isRetryOf(send)) {
            return handle;
        }
        checkSendable();
        if (arena == null || arena != writer || slot == null) {
            return null;
        }
        handle = arena.publish(slot, size);
        state = State.SENT;
        sentBy = send;
        if (send instanceof SendAttempt attempt) {
            attempt.whenFailed(() -> takeBack(send, () -> arena.unpublish(slot)));
        }
        return handle;
    }

    /** Undoes the hand-over to {@code send}, which failed: the buffer is its sender's, writable, again. */
    private synchronized void takeBack(Object send, Runnable undo) {
        if (state == State.SENT && sentBy == send) {
            undo.run();
            state = State.WRITABLE;
            handle = null;
            sentBy = null;
        }
    }

    /**
     * For the serializer: the bytes to copy; the buffer counts as sent afterwards. Encoding again
     * within the same channel send ({@code send}, non-null) gives the same bytes.
     */
    synchronized ByteBuffer contentForCopy(Object send) {
        if (!isRetryOf(send)) {
            checkSendable();
        }
        ByteBuffer content = memory.duplicate().clear();
        content.limit((int) size);
        if (state == State.WRITABLE) {
            state = State.SENT;
            sentBy = send;
            if (send instanceof SendAttempt attempt) {
                // its slot is freed once the copy is in the queue; until then a retry may read it again
                attempt.whenFailed(() -> takeBack(send, () -> { }));
                if (slot != null) {
                    attempt.whenSent(() -> arena.abandon(slot));
                }
            } else if (slot != null) {
                arena.abandon(slot); // encoded outside a channel: the bytes are taken now
            }
        }
        return content;
    }

    private boolean isRetryOf(Object send) {
        return state == State.SENT && send != null && send == sentBy;
    }

    private void checkSendable() {
        if (state != State.WRITABLE && state != State.RECEIVED) {
            throw new IllegalStateException("this TransferableBuffer is " + describe(state) + " and cannot be sent");
        }
    }

    /** Frees the memory: the arena slot goes back to its writer. */
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.WRITABLE && slot != null) {
            arena.abandon(slot);
        } else if ((state == State.RECEIVED || state == State.MATERIALIZED) && handle != null) {
            arena.release(handle);
        }
        state = State.CLOSED;
    }

    private static String describe(State s) {
        return switch (s) {
            case WRITABLE -> "writable";
            case SENT -> "already sent";
            case RECEIVED -> "received";
            case MATERIALIZED -> "already materialized";
            case CLOSED -> "closed";
        };
    }
}
