package dev.isolates.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Layout of one queue message, and the only code that reads or writes it. Every message starts with
 * a 16-byte header; an inline body follows it, or an arena handle does. Little-endian.
 *
 * <pre>
 * 0  kind byte | 1 form byte | 2..3 reserved | 4 target isolate int | 8 correlation long
 * inline form: 16.. Kryo body
 * arena form:  16 slot int | 20 generation int | 24 offset long | 32 length long
 * </pre>
 *
 * <p>Stateless; the buffers passed in belong to the caller.
 */
final class EnvelopeDescriptor {
    static final int KIND_OFFSET = 0;
    static final int FORM_OFFSET = 1;
    static final int TARGET_OFFSET = 4;
    static final int CORRELATION_OFFSET = 8;
    static final int HEADER_LENGTH = 16;

    static final byte FORM_INLINE = 0;
    static final byte FORM_ARENA = 1;

    static final int SLOT_OFFSET = 16;
    static final int GENERATION_OFFSET = 20;
    static final int DATA_OFFSET_OFFSET = 24;
    static final int DATA_LENGTH_OFFSET = 32;
    static final int ARENA_FORM_LENGTH = 40;

    private EnvelopeDescriptor() {
    }

    /** A buffer to build headers in, large enough for either form. */
    static ByteBuffer headerBuffer() {
        return ByteBuffer.allocate(ARENA_FORM_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Writes the header of an inline message into {@code header}; its body follows it. */
    static int writeInline(ByteBuffer header, MessageKind kind, long correlation, int target) {
        writeHeader(header, kind, FORM_INLINE, correlation, target);
        return HEADER_LENGTH;
    }

    /** Writes a whole arena-form message, header and handle, into {@code header}. */
    static int writeArena(ByteBuffer header, MessageKind kind, long correlation, int target, ArenaHandle handle) {
        writeHeader(header, kind, FORM_ARENA, correlation, target);
        header.putInt(SLOT_OFFSET, handle.slot());
        header.putInt(GENERATION_OFFSET, handle.generation());
        header.putLong(DATA_OFFSET_OFFSET, handle.offset());
        header.putLong(DATA_LENGTH_OFFSET, handle.length());
        return ARENA_FORM_LENGTH;
    }

    private static void writeHeader(ByteBuffer header, MessageKind kind, byte form, long correlation, int target) {
        header.put(KIND_OFFSET, kind.code());
        header.put(FORM_OFFSET, form);
        header.putShort(FORM_OFFSET + 1, (short) 0);
        header.putInt(TARGET_OFFSET, target);
        header.putLong(CORRELATION_OFFSET, correlation);
    }

    /** What message {@code m} (little-endian, from index 0) carries. */
    static MessageKind kind(ByteBuffer m) {
        return MessageKind.of(m.get(KIND_OFFSET));
    }

    static long correlation(ByteBuffer m) {
        return m.getLong(CORRELATION_OFFSET);
    }

    static int target(ByteBuffer m) {
        return m.getInt(TARGET_OFFSET);
    }

    /** True when the body follows the header; false when an arena handle does. */
    static boolean inline(ByteBuffer m) {
        return m.get(FORM_OFFSET) == FORM_INLINE;
    }

    /** The inline body of {@code m}, sharing its memory. */
    static ByteBuffer inlineBody(ByteBuffer m) {
        return m.duplicate().position(HEADER_LENGTH).slice();
    }

    /** The arena handle of an arena-form message. */
    static ArenaHandle handle(ByteBuffer m) {
        return new ArenaHandle(m.getInt(SLOT_OFFSET), m.getInt(GENERATION_OFFSET), m.getLong(DATA_OFFSET_OFFSET),
                m.getLong(DATA_LENGTH_OFFSET));
    }
}
