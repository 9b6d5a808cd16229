package dev.isolates.protocol;

/**
 * Layout of a transfer arena file. A 4 KiB header holds a table of slot entries; payloads start at
 * {@link #DATA_START}, page aligned.
 *
 * <pre>
 * header:  magic int @0 | entry count int @4
 * entry i: at ENTRIES + i * ENTRY_LENGTH
 *          state int @0 | generation int @4 | offset long @8 | capacity long @16 | length long @24
 * </pre>
 * The state moves FREE -> WRITING (writer allocates) -> SENT (writer hands out the handle) -> FREE
 * (reader releases). Only the state is read across processes without a lock, always with volatile
 * or CAS access; the other fields are written before the state is published.
 */
final class ArenaSlotDescriptor {
    static final int MAGIC = 0x49534f41; // "ISOA"
    static final int MAGIC_OFFSET = 0;
    static final int COUNT_OFFSET = 4;
    static final int ENTRIES = 64;
    static final int ENTRY_LENGTH = 32;
    static final int SLOT_COUNT = 64;
    static final int DATA_START = 4096;
    static final int PAGE = 4096;

    static final int STATE_FREE = 0;
    static final int STATE_WRITING = 1;
    static final int STATE_SENT = 2;

    private ArenaSlotDescriptor() {
    }

    static int entry(int slot) {
        return ENTRIES + slot * ENTRY_LENGTH;
    }

    static int stateOffset(int slot) {
        return entry(slot);
    }

    static int generationOffset(int slot) {
        return entry(slot) + 4;
    }

    static int dataOffsetOffset(int slot) {
        return entry(slot) + 8;
    }

    static int capacityOffset(int slot) {
        return entry(slot) + 16;
    }

    static int lengthOffset(int slot) {
        return entry(slot) + 24;
    }

    static long pageAlign(long bytes) {
        return (bytes + PAGE - 1) & -PAGE;
    }
}
