package dev.isolates.protocol;

import com.esotericsoftware.kryo.io.KryoBufferOverflowException;
import com.esotericsoftware.kryo.io.Output;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where a body is encoded, once. While it fits the inline limit it stays in this output's reusable
 * heap buffer, which the queue copies it from. Past the limit the body goes to a slot of the
 * outbound arena: the heap buffer becomes a staging area that is copied into the slot whenever it
 * fills, and a large byte array is written into the slot directly. A body larger than its slot moves
 * to a larger one.
 *
 * <p>Not thread-safe: used by one sender at a time, under the channel's send lock.
 */
final class BodyOutput extends Output {
    private static final int FIRST_CAPACITY = 64 * 1024;
    /** Byte runs at least this long skip the staging buffer once the body is in the arena. */
    static final int DIRECT_BYTES = 16 * 1024;

    private final int inlineLimit;
    private final TransferArena arena;
    /** The arena slot the body is being written into, or null while it is inline. */
    private TransferArena.Slot slot;
    /** The slot's memory; its position is how much of the body has been moved there. */
    private ByteBuffer moved;
    /** Why moving to the arena failed; thrown by the encoder in place of what Kryo made of it. */
    private IOException arenaFailure;

    BodyOutput(int inlineLimit, TransferArena arena) {
        super(Math.min(FIRST_CAPACITY, inlineLimit), inlineLimit);
        this.inlineLimit = inlineLimit;
        this.arena = arena;
    }

    /** Empties this output for the next body; a slot still held is the caller's to publish or abandon first. */
    void start() {
        slot = null;
        moved = null;
        arenaFailure = null;
        reset();
    }

    /** The heap buffer: an inline body is its first {@link #position()} bytes. */
    byte[] inlineBytes() {
        return buffer;
    }

    /**
     * Moves what is still staged into the arena slot, once the body is complete.
     *
     * @return the slot holding the whole body, with the body's length, or null when the body is inline
     */
    TransferArena.Slot finish() throws IOException {
        if (slot == null) {
            return null;
        }
        try {
            moveStaged(0);
        } catch (KryoBufferOverflowException e) {
            throw arenaFailure;
        }
        return slot;
    }

    /** Bytes of the body in the arena slot, after {@link #finish()}. */
    long arenaLength() {
        return moved.position();
    }

    /** The slot the body is being written into, or null. */
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
        if (slot == null && position + (long) required <= inlineLimit) {
            return super.require(required); // a larger heap buffer, up to the inline limit
        }
        moveStaged(0);
        if (capacity < required) {
            buffer = new byte[required];
            capacity = required;
        }
        return true;
    }

    @Override
    public void writeBytes(byte[] bytes, int offset, int count) {
        if (count < DIRECT_BYTES || (slot == null && position + (long) count <= inlineLimit)) {
            super.writeBytes(bytes, offset, count);
            return;
        }
        moveStaged(count);
        moved.put(bytes, offset, count);
    }

    /** Copies the staged bytes into the arena slot, with room left for {@code more} bytes after them. */
    private void moveStaged(int more) {
        ensureRoom(position + (long) more);
        moved.put(buffer, 0, position);
        position = 0;
    }

    /** Makes sure the slot has {@code bytes} free after what it holds, taking a (larger) slot if not. */
    private void ensureRoom(long bytes) {
        if (moved != null && moved.remaining() >= bytes) {
            return;
        }
        long held = moved == null ? 0 : moved.position();
        long needed = held + bytes;
        TransferArena.Slot larger;
        try {
            long minimum = Math.max(needed, slot == null ? 2L * inlineLimit : 2L * moved.capacity());
            larger = arena.allocateLargest(Math.min(minimum, Math.max(needed, TransferArena.MAX_CAPACITY / 2)));
            if (larger.buffer().capacity() < needed) {
                arena.abandon(larger);
                throw new IOException("transfer arena " + arena.file() + " could not fit a body of " + needed + " bytes");
            }
        } catch (IOException e) {
            arenaFailure = e;
            throw new KryoBufferOverflowException("the body could not move to the transfer arena: " + e.getMessage());
        }
        ByteBuffer target = larger.buffer().duplicate().clear();
        if (moved != null) {
            target.put(moved.flip());
            arena.abandon(slot);
        }
        slot = larger;
        moved = target;
    }
}
