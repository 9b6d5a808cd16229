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
     * For the serializer: when this buffer lives in the arena {@code send} writes and is still
     * writable, hands the slot over and returns its handle; null when the bytes must be copied instead.
     * If {@code send} fails, the buffer is its sender's, writable, again.
     */
    synchronized ArenaHandle handOver(SendAttempt send) {
        checkSendable();
        if (arena == null || arena != send.arena() || slot == null) {
            return null;
        }
        handle = arena.publish(slot, size);
        state = State.SENT;
        send.whenFailed(() -> takeBack(() -> arena.unpublish(slot)));
        return handle;
    }

    /** Undoes the hand-over to a send that failed: the buffer is its sender's, writable, again. */
    private synchronized void takeBack(Runnable undo) {
        if (state == State.SENT) {
            undo.run();
            state = State.WRITABLE;
            handle = null;
        }
    }

    /**
     * For the serializer: the bytes to copy into the body of {@code send} (null outside a channel);
     * the buffer counts as sent afterwards.
     */
    synchronized ByteBuffer contentForCopy(SendAttempt send) {
        checkSendable();
        ByteBuffer content = memory.duplicate().clear();
        content.limit((int) size);
        if (state == State.WRITABLE) {
            state = State.SENT;
            if (send != null) {
                // the slot is freed once the copy is in the queue; a failed send makes the buffer writable again
                send.whenFailed(() -> takeBack(() -> { }));
                if (slot != null) {
                    send.whenSent(() -> arena.abandon(slot));
                }
            } else if (slot != null) {
                arena.abandon(slot); // encoded outside a channel: the bytes are taken now
            }
        }
        return content;
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
