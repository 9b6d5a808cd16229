package dev.isolates.protocol;

/**
 * Layout of the wake-flags file both ends of a channel map: one int per side, each on its own cache
 * line, saying whether that side's reader is parked on the doorbell.
 */
final class WakeFlagsDescriptor {
    static final int FILE_LENGTH = 4096;
    static final int RUNNING = 0;
    static final int PARKED = 1;

    private WakeFlagsDescriptor() {
    }

    static int flagOffset(Side side) {
        return side == Side.SUPERVISOR ? 0 : 64;
    }
}
