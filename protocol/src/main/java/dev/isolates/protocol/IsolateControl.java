package dev.isolates.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;

/**
 * The lifecycle words of one isolate, in the channel's shared control file: how often it is paused,
 * whether it must end before its next event, and whether uncaught errors end it. The supervisor
 * writes them (and rings the doorbell); the worker's event loop reads them between events, so they
 * take effect even while its queue holds messages.
 *
 * <p>Safe to call from any thread of either process.
 */
public final class IsolateControl {
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final MappedByteBuffer map;

    IsolateControl(MappedByteBuffer map) {
        this.map = map;
    }

    /** Adds one pause; returns the new count. */
    public int pause() {
        return (int) INT.getAndAdd(map, ControlFileDescriptor.PAUSE_COUNT_OFFSET, 1) + 1;
    }

    /** Takes one pause back, never below zero; returns the new count. */
    public int resume() {
        while (true) {
            int n = pauseCount();
            if (n == 0) {
                return 0;
            }
            if (INT.compareAndSet(map, ControlFileDescriptor.PAUSE_COUNT_OFFSET, n, n - 1)) {
                return n - 1;
            }
        }
    }

    /** The pauses in force. */
    public int pauseCount() {
        return (int) INT.getVolatile(map, ControlFileDescriptor.PAUSE_COUNT_OFFSET);
    }

    /**
     * Asks a paused worker to answer ping {@code id} (and any earlier one) although it reads no
     * messages: like Dart's, a paused isolate still answers pings. The caller nudges it after.
     */
    public void requestPing(long id) {
        long current;
        do {
            current = pingRequested();
        } while (current < id && !LONG.compareAndSet(map, ControlFileDescriptor.PING_REQUESTED_OFFSET, current, id));
    }

    /** The newest ping a paused worker was asked to answer, or 0. */
    public long pingRequested() {
        return (long) LONG.getVolatile(map, ControlFileDescriptor.PING_REQUESTED_OFFSET);
    }

    /** Asks the worker to end before its next event. */
    public void requestKill() {
        INT.setVolatile(map, ControlFileDescriptor.KILL_REQUESTED_OFFSET, 1);
    }

    /** True once the worker must end. */
    public boolean killRequested() {
        return (int) INT.getVolatile(map, ControlFileDescriptor.KILL_REQUESTED_OFFSET) != 0;
    }

    /** Whether an uncaught error ends the isolate. */
    public void errorsFatal(boolean fatal) {
        INT.setVolatile(map, ControlFileDescriptor.ERRORS_NOT_FATAL_OFFSET, fatal ? 0 : 1);
    }

    /** True when an uncaught error ends the isolate (the default). */
    public boolean errorsFatal() {
        return (int) INT.getVolatile(map, ControlFileDescriptor.ERRORS_NOT_FATAL_OFFSET) == 0;
    }
}
