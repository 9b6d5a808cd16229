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
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final MappedByteBuffer map;

    private WakeFlags(MappedByteBuffer map) {
        this.map = map;
    }

    static WakeFlags open(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            if (ch.size() < WakeFlagsDescriptor.FILE_LENGTH) {
                FreeSpace.require(file.getParent(), file, WakeFlagsDescriptor.FILE_LENGTH);
                ch.write(java.nio.ByteBuffer.allocate(WakeFlagsDescriptor.FILE_LENGTH), 0);
            }
            return new WakeFlags(ch.map(FileChannel.MapMode.READ_WRITE, 0, WakeFlagsDescriptor.FILE_LENGTH));
        }
    }

    void markParked(Side reader) {
        INT.setVolatile(map, WakeFlagsDescriptor.flagOffset(reader), WakeFlagsDescriptor.PARKED);
    }

    void markRunning(Side reader) {
        INT.setVolatile(map, WakeFlagsDescriptor.flagOffset(reader), WakeFlagsDescriptor.RUNNING);
    }

    /** True when {@code reader} was parked and this caller is the one to ring it awake. */
    boolean claimWake(Side reader) {
        int offset = WakeFlagsDescriptor.flagOffset(reader);
        return (int) INT.getVolatile(map, offset) == WakeFlagsDescriptor.PARKED
                && INT.compareAndSet(map, offset, WakeFlagsDescriptor.PARKED, WakeFlagsDescriptor.RUNNING);
    }
}
