package dev.isolates;

import dev.isolates.runtime.IsolateRuntime;
import dev.isolates.runtime.TransferBacking;
import java.nio.ByteBuffer;

/**
 * Bytes that move to another isolate without a copy, like Dart's {@code TransferableTypedData}. In
 * a spawned isolate the buffer is allocated in shared mapped memory: sending it passes only a
 * handle, and the receiver {@link #materialize() materializes} a read-only view of the same memory.
 * (Allocated in the main isolate, the bytes are copied once on their way to a worker.)
 *
 * <pre>{@code
 * Isolates.spawn(port -> {
 *     TransferableBuffer result = TransferableBuffer.allocate(256L << 20);
 *     fill(result.buffer());
 *     Isolates.exit(port, result);          // ends the isolate; the receiver gets the same memory
 * }, replies.sendPort());
 * ByteBuffer bytes = ((TransferableBuffer) replies.receive()).materialize();
 * }</pre>
 *
 * <p>Not thread-safe: one thread fills or reads a buffer.
 */
public final class TransferableBuffer implements AutoCloseable {
    private final TransferBacking backing;

    TransferableBuffer(TransferBacking backing) {
        this.backing = backing;
    }

    /**
     * A zeroed buffer of {@code size} bytes (at most 2 GiB), writable until it is sent.
     *
     * @param size the size in bytes, 0 to {@code Integer.MAX_VALUE - 8192}
     * @return a new buffer; close it if it is never sent
     * @throws IllegalArgumentException if {@code size} is out of that range
     */
    public static TransferableBuffer allocate(long size) {
        if (size < 0 || size > Integer.MAX_VALUE - 8192) {
            throw new IllegalArgumentException("size must be 0 to " + (Integer.MAX_VALUE - 8192) + " bytes, was " + size);
        }
        return new TransferableBuffer(IsolateRuntime.current().allocateTransfer(size));
    }

    /**
     * A buffer holding a copy of {@code bytes}.
     *
     * @param bytes the bytes to copy; the array is not kept
     * @return a new buffer of {@code bytes.length} bytes
     */
    public static TransferableBuffer copyOf(byte[] bytes) {
        TransferableBuffer b = allocate(bytes.length);
        b.buffer().put(bytes).flip();
        return b;
    }

    /**
     * The sender's view: writable, position 0, limit the size. Each call returns a new view of the
     * same memory.
     *
     * @return a new view of the whole buffer
     * @throws IllegalStateException once the buffer was sent, or on the receiving side
     */
    public ByteBuffer buffer() {
        return backing.writable();
    }

    /**
     * The receiver's view: read-only, sharing the sender's memory. Once per buffer.
     *
     * @return a read-only view of all {@link #size()} bytes; close the buffer when done with it
     * @throws IllegalStateException on the second call, or on the sending side
     */
    public ByteBuffer materialize() {
        return backing.materialize();
    }

    /**
     * The size in bytes.
     *
     * @return the size it was allocated with, on both sides
     */
    public long size() {
        return backing.size();
    }

    /** Frees the shared memory. Views obtained before must not be used afterwards. */
    @Override
    public void close() {
        backing.close();
    }

    TransferBacking backing() {
        return backing;
    }
}
