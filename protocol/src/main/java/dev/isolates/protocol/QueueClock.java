package dev.isolates.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import net.openhft.chronicle.core.time.TimeProvider;

/**
 * The clock of one queue: Chronicle rolls a queue to a new file when its clock enters a new cycle,
 * and this clock moves only when the queue's writer has written {@link #ROLL_BYTES} into the current
 * file. So a queue that carries a few messages now and then never pays for a new file, and one that
 * carries a stream rolls every {@code ROLL_BYTES}, letting its reader delete what it has read (see
 * {@link ConsumedCycleFiles}). The time, whole seconds of {@link QueueFiles#ROLL_CYCLE} cycles,
 * lives in the channel's control file, so writer and reader, in two processes, read the same clock.
 *
 * <p>Thread-safe; {@link #advance} is for the queue's single writer.
 */
final class QueueClock implements TimeProvider {
    /** Bytes written into a queue file before the next write goes into a new one. */
    static final long ROLL_BYTES = 64L << 20;

    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final MappedByteBuffer map;
    private final int offset;

    private QueueClock(MappedByteBuffer map, int offset) {
        this.map = map;
        this.offset = offset;
    }

    /** The clock of the queue {@code writer} writes, starting at the wall clock's second if it is new. */
    static QueueClock of(WakeFlags control, Side writer) {
        QueueClock clock = new QueueClock(control.map(), ControlFileDescriptor.queueClockOffset(writer));
        LONG.compareAndSet(clock.map, clock.offset, 0L, System.currentTimeMillis() / 1000); // both ends may race here
        return clock;
    }

    @Override
    public long currentTimeMillis() {
        return (long) LONG.getVolatile(map, offset) * 1000;
    }

    /** Moves the clock to the next cycle: the writer's next message opens a new file. */
    void advance() {
        LONG.getAndAdd(map, offset, 1L);
    }
}
