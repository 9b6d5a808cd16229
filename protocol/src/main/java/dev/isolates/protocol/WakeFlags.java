package dev.isolates.protocol;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The shared "I am parked" flags of a channel's two readers. A reader sets its flag before it parks
 * and polls once more; a writer appends, then claims the peer's flag and rings the doorbell only if
 * it was set. With both steps sequentially consistent, at least one of them sees the other, so no
 * wake-up is lost and an unparked reader costs the writer no system call.
 *
 * <p>Safe to call from any thread of either process.
 */
final class WakeFlags {
    /** Its buffer, shared with the {@link IsolateControl} of the same channel end. */
    MappedByteBuffer map() {
        return map;
    }

    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final MappedByteBuffer map;

    private WakeFlags(MappedByteBuffer map) {
        this.map = map;
    }

    static WakeFlags open(Path file) throws IOException {
        return new WakeFlags(mapControlFile(file));
    }

    /** Maps the channel's control file, making it first if needed. */
    static MappedByteBuffer mapControlFile(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            if (ch.size() < ControlFileDescriptor.FILE_LENGTH) {
                FreeSpace.require(file.getParent(), file, ControlFileDescriptor.FILE_LENGTH);
                ch.write(java.nio.ByteBuffer.allocate(ControlFileDescriptor.FILE_LENGTH), 0);
            }
            return ch.map(FileChannel.MapMode.READ_WRITE, 0, ControlFileDescriptor.FILE_LENGTH);
        }
    }

    void markParked(Side reader) {
        INT.setVolatile(map, ControlFileDescriptor.flagOffset(reader), ControlFileDescriptor.PARKED);
    }

    void markRunning(Side reader) {
        INT.setVolatile(map, ControlFileDescriptor.flagOffset(reader), ControlFileDescriptor.RUNNING);
    }

    /** True when {@code reader} was parked and this caller is the one to ring it awake. */
    boolean claimWake(Side reader) {
        int offset = ControlFileDescriptor.flagOffset(reader);
        return (int) INT.getVolatile(map, offset) == ControlFileDescriptor.PARKED
                && INT.compareAndSet(map, offset, ControlFileDescriptor.PARKED, ControlFileDescriptor.RUNNING);
    }
}
