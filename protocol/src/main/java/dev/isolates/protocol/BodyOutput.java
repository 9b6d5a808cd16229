package dev.isolates.protocol;

import com.esotericsoftware.kryo.io.ByteBufferOutput;
import com.esotericsoftware.kryo.io.KryoBufferOverflowException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where a body is encoded, once: a reusable heap buffer while the body fits the inline limit; past
 * it, a slot of the outbound arena that the bytes written so far are copied into once and that the
 * rest is written to directly. A body larger than its slot moves to a larger one.
 *
 * <p>Not thread-safe: used by one sender at a time, under the channel's send lock.
 */
final class BodyOutput extends ByteBufferOutput {
    private static final int FIRST_CAPACITY = 64 * 1024;

    private final int inlineLimit;
    private final TransferArena arena;
    private ByteBuffer heap;
    /** The arena slot the body is being written into, or null while it is on the heap. */
    private TransferArena.Slot slot;
    /** Why moving to the arena failed; thrown by the encoder in place of what Kryo made of it. */
    private IOException arenaFailure;

    BodyOutput(int inlineLimit, TransferArena arena) {
        super(ByteBuffer.allocate(Math.min(FIRST_CAPACITY, inlineLimit)), inlineLimit);
        this.inlineLimit = inlineLimit;
        this.arena = arena;
        this.heap = byteBuffer;
    }

    /** Empties this output for the next body; a slot still held is the caller's to publish or abandon first. */
    void start() {
        if (slot != null) {
            slot = null;
            setBuffer(heap, inlineLimit);
        }
        heap = byteBuffer;
        arenaFailure = null;
        reset();
    }

    /** True while the body so far is on the heap, within the inline limit. */
    boolean inline() {
        return slot == null;
    }

    /** The heap buffer's array: the inline body is its first {@link #position()} bytes. */
    byte[] inlineBytes() {
        return heap.array();
    }

    /** The arena slot holding the body, or null while it is inline. */
    TransferArena.Slot slot() {
        return slot;
    }

    /** Why the body could not move to the arena, or null. */
    IOException arenaFailure() {
        return arenaFailure;
    }

    @Override
    protected boolean require(int required) {
        if (capacity - position >= required) {
            return false;
        }
        if (slot == null && position + required <= inlineLimit) {
            boolean grew = super.require(required); // a larger heap buffer, up to the inline limit
            heap = byteBuffer;
            return grew;
        }
        moveTo(position + (long) required);
        return true;
    }

    /** Copies what is written so far into a free arena run of at least {@code needed} bytes and goes on there. */
    private void moveTo(long needed) {
        TransferArena.Slot larger;
        try {
            long minimum = slot == null ? Math.max(needed, 2L * inlineLimit) : Math.max(needed, 2L * capacity);
            larger = arena.allocateLargest(Math.min(minimum, TransferArena.MAX_CAPACITY));
            if (larger.buffer().capacity() < needed) {
                arena.abandon(larger);
                throw new IOException("transfer arena " + arena.file() + " could not fit a body of " + needed + " bytes");
            }
        } catch (IOException e) {
            arenaFailure = e;
            throw new KryoBufferOverflowException("the body could not move to the transfer arena: " + e.getMessage());
        }
        ByteBuffer written = byteBuffer.duplicate().flip();
        ByteBuffer target = larger.buffer().duplicate().clear();
        target.put(written);
        if (slot != null) {
            arena.abandon(slot);
        }
        slot = larger;
        setBuffer(target, -1);
    }
}
