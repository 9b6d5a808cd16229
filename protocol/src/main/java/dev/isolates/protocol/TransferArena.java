package dev.isolates.protocol;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A mapped file that carries payloads too large for a queue message. The writing process allocates a
 * slot, writes the payload into it and sends only an {@link ArenaHandle}; the reading process maps
 * the same file and gets a read-only view of the same memory, then releases the slot.
 *
 * <p>The file is reused for many transfers and only grows. Growth writes zeros through the file
 * channel before mapping, so every page is allocated up front: a full disk shows as an
 * {@link IOException} there, never as a SIGBUS later, and later writes do not fault in fresh pages.
 *
 * <p>One process writes an arena at a time; its allocation methods are synchronized. Reader methods
 * are safe from any thread.
 */
public final class TransferArena implements AutoCloseable {
    /** Mappings are limited to 2 GiB by {@link ByteBuffer}'s int indexes. */
    public static final long MAX_CAPACITY = Integer.MAX_VALUE & -ArenaSlotDescriptor.PAGE;
    static final long MIN_GROWTH = 64L * 1024 * 1024;

    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final Path file;
    private final FileChannel channel;
    private volatile MappedByteBuffer map;
    private final Set<Long> held = ConcurrentHashMap.newKeySet();

    private TransferArena(Path file, FileChannel channel, MappedByteBuffer map) {
        this.file = file;
        this.channel = channel;
        this.map = map;
    }

    /** Opens the arena at {@code file}, making it (header only) if it does not exist. */
    public static TransferArena open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            if (channel.size() < ArenaSlotDescriptor.DATA_START) {
                FreeSpace.require(file.getParent(), file, ArenaSlotDescriptor.DATA_START);
                ByteBuffer header = ByteBuffer.allocate(ArenaSlotDescriptor.DATA_START).order(ByteOrder.nativeOrder());
                header.putInt(ArenaSlotDescriptor.MAGIC_OFFSET, ArenaSlotDescriptor.MAGIC);
                header.putInt(ArenaSlotDescriptor.COUNT_OFFSET, ArenaSlotDescriptor.SLOT_COUNT);
                writeFully(channel, header, 0);
            }
            MappedByteBuffer map = mapNative(channel, channel.size());
            if (map.getInt(ArenaSlotDescriptor.MAGIC_OFFSET) != ArenaSlotDescriptor.MAGIC) {
                throw new IOException(file + " is not a transfer arena");
            }
            return new TransferArena(file, channel, map);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The arena file. */
    public Path file() {
        return file;
    }

    /** Bytes the file holds now, header included. */
    public long capacity() {
        return map.capacity();
    }

    // ---- writer side ----

    /**
     * Allocates the largest free run of the arena, growing it first if that run is under
     * {@code minimum} bytes. The caller writes into {@link Slot#buffer()}, then calls
     * {@link #publish(Slot, long)} with the length used, or {@link #abandon(Slot)}.
     */
    public synchronized Slot allocateLargest(long minimum) throws IOException {
        if (minimum > MAX_CAPACITY - ArenaSlotDescriptor.DATA_START) {
            throw new IOException("a payload of " + minimum + " bytes is over the transfer limit of "
                    + (MAX_CAPACITY - ArenaSlotDescriptor.DATA_START) + " bytes");
        }
        long[] run = largestFreeRun();
        if (run[1] < minimum) {
            grow(minimum);
            run = largestFreeRun();
            if (run[1] < minimum) { // grown to its cap, and the receiver still holds the rest
                throw new IOException("transfer arena " + file + " has no free run of " + minimum + " bytes (the largest is "
                        + run[1] + " of " + MAX_CAPACITY + "): the receiver holds large messages it has not released;"
                        + " release them (close TransferableBuffers, let views go) or send smaller payloads");
            }
        }
        int slot = freeEntry();
        MappedByteBuffer m = map;
        int generation = (int) INT.getVolatile(m, ArenaSlotDescriptor.generationOffset(slot)) + 1;
        m.putInt(ArenaSlotDescriptor.generationOffset(slot), generation);
        m.putLong(ArenaSlotDescriptor.dataOffsetOffset(slot), run[0]);
        m.putLong(ArenaSlotDescriptor.capacityOffset(slot), run[1]);
        m.putLong(ArenaSlotDescriptor.lengthOffset(slot), 0);
        INT.setVolatile(m, ArenaSlotDescriptor.stateOffset(slot), ArenaSlotDescriptor.STATE_WRITING);
        ByteBuffer buffer = m.duplicate().position((int) run[0]).limit((int) (run[0] + run[1])).slice();
        return new Slot(slot, generation, run[0], buffer);
    }

    /** Allocates a slot of exactly {@code size} bytes (rounded up to a page), growing the arena if needed. */
    public synchronized Slot allocate(long size) throws IOException {
        Slot slot = allocateLargest(size);
        map.putLong(ArenaSlotDescriptor.capacityOffset(slot.index()), ArenaSlotDescriptor.pageAlign(Math.max(1, size)));
        return new Slot(slot.index(), slot.generation(), slot.offset(), slot.buffer().limit((int) size).slice());
    }

    /** Hands the written slot over: trims it to {@code length} and returns the handle to send. */
    public synchronized ArenaHandle publish(Slot slot, long length) {
        MappedByteBuffer m = map;
        m.putLong(ArenaSlotDescriptor.capacityOffset(slot.index()), ArenaSlotDescriptor.pageAlign(length));
        m.putLong(ArenaSlotDescriptor.lengthOffset(slot.index()), length);
        INT.setVolatile(m, ArenaSlotDescriptor.stateOffset(slot.index()), ArenaSlotDescriptor.STATE_SENT);
        return new ArenaHandle(slot.index(), slot.generation(), slot.offset(), length);
    }

    /**
     * Makes a published slot writable by its writer again: its handle never reached the queue (the
     * send failed), so no reader can hold it.
     */
    public synchronized void unpublish(Slot slot) {
        INT.compareAndSet(map, ArenaSlotDescriptor.stateOffset(slot.index()), ArenaSlotDescriptor.STATE_SENT,
                ArenaSlotDescriptor.STATE_WRITING);
    }

    /** Frees a published slot whose handle never reached the queue (the send failed). */
    public synchronized void withdraw(ArenaHandle handle) {
        free(handle);
    }

    /** Frees a slot that will not be sent. */
    public synchronized void abandon(Slot slot) {
        INT.compareAndSet(map, ArenaSlotDescriptor.stateOffset(slot.index()), ArenaSlotDescriptor.STATE_WRITING,
                ArenaSlotDescriptor.STATE_FREE);
    }

    private long[] largestFreeRun() {
        MappedByteBuffer m = map;
        List<long[]> used = new ArrayList<>();
        for (int i = 0; i < ArenaSlotDescriptor.SLOT_COUNT; i++) {
            if ((int) INT.getVolatile(m, ArenaSlotDescriptor.stateOffset(i)) != ArenaSlotDescriptor.STATE_FREE) {
                long start = m.getLong(ArenaSlotDescriptor.dataOffsetOffset(i));
                used.add(new long[] {start, start + m.getLong(ArenaSlotDescriptor.capacityOffset(i))});
            }
        }
        used.sort(Comparator.comparingLong(r -> r[0]));
        long best = ArenaSlotDescriptor.DATA_START;
        long bestLength = 0;
        long cursor = ArenaSlotDescriptor.DATA_START;
        for (long[] r : used) {
            if (r[0] - cursor > bestLength) {
                best = cursor;
                bestLength = r[0] - cursor;
            }
            cursor = Math.max(cursor, r[1]);
        }
        if (m.capacity() - cursor > bestLength) {
            best = cursor;
            bestLength = m.capacity() - cursor;
        }
        return new long[] {best, bestLength};
    }

    private int freeEntry() throws IOException {
        for (int i = 0; i < ArenaSlotDescriptor.SLOT_COUNT; i++) {
            if ((int) INT.getVolatile(map, ArenaSlotDescriptor.stateOffset(i)) == ArenaSlotDescriptor.STATE_FREE) {
                return i;
            }
        }
        throw new IOException("all " + ArenaSlotDescriptor.SLOT_COUNT + " slots of transfer arena " + file
                + " are in use: the receiver holds too many large messages without releasing them");
    }

    private void grow(long minimum) throws IOException {
        long old = channel.size();
        long wanted = ArenaSlotDescriptor.pageAlign(Math.max(old + minimum, Math.max(old * 2, MIN_GROWTH)));
        long target = Math.min(MAX_CAPACITY, wanted);
        FreeSpace.require(file.getParent(), file, target - old);
        ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
        for (long pos = old; pos < target; pos += zeros.capacity()) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), target - pos));
            writeFully(channel, zeros, pos);
        }
        map = mapNative(channel, target);
    }

    /** Maps {@code length} bytes in native order: every field of the slot table is read and written in it. */
    private static MappedByteBuffer mapNative(FileChannel channel, long length) throws IOException {
        MappedByteBuffer m = channel.map(FileChannel.MapMode.READ_WRITE, 0, length);
        m.order(ByteOrder.nativeOrder());
        return m;
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long pos = position;
        while (buffer.hasRemaining()) {
            pos += channel.write(buffer, pos);
        }
    }

    // ---- reader side ----

    /**
     * A read-only view of the payload behind {@code handle}, sharing the sender's memory. The slot
     * stays taken until {@link #release(ArenaHandle)}.
     *
     * @throws IllegalStateException if the handle is stale (released, or its slot reused)
     */
    public ByteBuffer view(ArenaHandle handle) throws IOException {
        MappedByteBuffer m = mappingCovering(handle.offset() + handle.length());
        int state = (int) INT.getVolatile(m, ArenaSlotDescriptor.stateOffset(handle.slot()));
        int generation = m.getInt(ArenaSlotDescriptor.generationOffset(handle.slot()));
        if (state != ArenaSlotDescriptor.STATE_SENT || generation != handle.generation()) {
            throw new IllegalStateException("stale arena handle " + handle + " in " + file + " (state " + state
                    + ", generation " + generation + ")");
        }
        held.add(key(handle));
        return m.duplicate().position((int) handle.offset()).limit((int) (handle.offset() + handle.length()))
                .slice().asReadOnlyBuffer();
    }

    /** Frees the slot behind {@code handle}; releasing twice is harmless. */
    public void release(ArenaHandle handle) {
        held.remove(key(handle));
        free(handle);
    }

    private void free(ArenaHandle handle) {
        MappedByteBuffer m = map;
        if (m.getInt(ArenaSlotDescriptor.generationOffset(handle.slot())) == handle.generation()) {
            INT.compareAndSet(m, ArenaSlotDescriptor.stateOffset(handle.slot()), ArenaSlotDescriptor.STATE_SENT,
                    ArenaSlotDescriptor.STATE_FREE);
        }
    }

    /**
     * Frees every slot that no view from this reader still holds. Called once the writing process is
     * gone, so the arena can serve the next one.
     */
    public synchronized int reclaim() {
        MappedByteBuffer m = map;
        int freed = 0;
        for (int i = 0; i < ArenaSlotDescriptor.SLOT_COUNT; i++) {
            int state = (int) INT.getVolatile(m, ArenaSlotDescriptor.stateOffset(i));
            if (state == ArenaSlotDescriptor.STATE_FREE) {
                continue;
            }
            long k = ((long) i << 32) | (m.getInt(ArenaSlotDescriptor.generationOffset(i)) & 0xffffffffL);
            if (!held.contains(k)) {
                INT.setVolatile(m, ArenaSlotDescriptor.stateOffset(i), ArenaSlotDescriptor.STATE_FREE);
                freed++;
            }
        }
        return freed;
    }

    /** Frees the slots a writer had taken but not handed over; called once that writer is gone. */
    public synchronized int reclaimAbandoned() {
        MappedByteBuffer m = map;
        int freed = 0;
        for (int i = 0; i < ArenaSlotDescriptor.SLOT_COUNT; i++) {
            if (INT.compareAndSet(m, ArenaSlotDescriptor.stateOffset(i), ArenaSlotDescriptor.STATE_WRITING,
                    ArenaSlotDescriptor.STATE_FREE)) {
                freed++;
            }
        }
        return freed;
    }

    /**
     * The lengths of the payloads handed to the reader of the arena at {@code file} and not yet
     * released, read through the file (nothing is mapped); for tests that check shared memory is
     * freed. A slot's state may change while this reads.
     */
    public static List<Long> sentLengths(Path file) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(ArenaSlotDescriptor.DATA_START).order(ByteOrder.nativeOrder());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (header.hasRemaining()) {
                if (channel.read(header, header.position()) < 0) {
                    throw new IOException(file + " ends inside its header: it is not a transfer arena");
                }
            }
        }
        List<Long> lengths = new ArrayList<>();
        for (int i = 0; i < ArenaSlotDescriptor.SLOT_COUNT; i++) {
            if (header.getInt(ArenaSlotDescriptor.stateOffset(i)) == ArenaSlotDescriptor.STATE_SENT) {
                lengths.add(header.getLong(ArenaSlotDescriptor.lengthOffset(i)));
            }
        }
        return lengths;
    }

    /** Slots not free now, for tests and statistics. */
    public int slotsInUse() {
        int n = 0;
        for (int i = 0; i < ArenaSlotDescriptor.SLOT_COUNT; i++) {
            if ((int) INT.getVolatile(map, ArenaSlotDescriptor.stateOffset(i)) != ArenaSlotDescriptor.STATE_FREE) {
                n++;
            }
        }
        return n;
    }

    private MappedByteBuffer mappingCovering(long end) throws IOException {
        MappedByteBuffer m = map;
        if (end <= m.capacity()) {
            return m;
        }
        synchronized (this) {
            long size = channel.size();
            if (end > size) {
                throw new IllegalStateException("arena handle ends at " + end + " past the end of " + file + " (" + size + ")");
            }
            if (map.capacity() < end) {
                map = mapNative(channel, size);
            }
            return map;
        }
    }

    private static long key(ArenaHandle handle) {
        return ((long) handle.slot() << 32) | (handle.generation() & 0xffffffffL);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** A slot being written. Not thread-safe: one writer fills it. */
    public record Slot(int index, int generation, long offset, ByteBuffer buffer) {
    }
}
