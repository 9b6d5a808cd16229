package dev.isolates.protocol;

/**
 * Layout of the small control file both ends of a channel map. Each word sits on its own cache line.
 *
 * <pre>
 * 0    supervisor parked int   | 64  worker parked int      (wake flags: RUNNING or PARKED)
 * 128  pause count int          (the worker takes no message while above 0)
 * 192  kill requested int       (the worker ends before its next event when 1)
 * 256  errors not fatal int     (0: an uncaught error ends the isolate, like Dart's default)
 * 320  supervisor's queue clock long | 384  worker's queue clock long   (see QueueClock)
 * 448  ping requested long       (the newest ping a paused worker must answer)
 * </pre>
 */
final class ControlFileDescriptor {
    static final int FILE_LENGTH = 4096;
    static final int RUNNING = 0;
    static final int PARKED = 1;

    static final int PAUSE_COUNT_OFFSET = 128;
    static final int KILL_REQUESTED_OFFSET = 192;
    static final int ERRORS_NOT_FATAL_OFFSET = 256;
    static final int PING_REQUESTED_OFFSET = 448;

    private ControlFileDescriptor() {
    }

    /** Where the clock of the queue {@code writer} writes sits. */
    static int queueClockOffset(Side writer) {
        return writer == Side.SUPERVISOR ? 320 : 384;
    }

    static int flagOffset(Side side) {
        return side == Side.SUPERVISOR ? 0 : 64;
    }
}
