package dev.isolates.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Layout of one queue message, and the only code that reads or writes it. Every message starts with
 * a 24-byte header; an inline body follows it, or an arena handle does. Little-endian. The tag
 * authenticates all the other bytes (see {@link MessageSeal}).
 *
 * <pre>
 * 0  kind byte | 1 form byte | 2..3 reserved | 4 target isolate int | 8 correlation long | 16 tag long
 * inline form: 24.. Kryo body
 * arena form:  24 slot int | 28 generation int | 32 offset long | 40 length long
 * </pre>
 *
 * <p>Stateless; the buffers passed in belong to the caller.
 */
final class EnvelopeDescriptor {
    static final int KIND_OFFSET = 0;
    static final int FORM_OFFSET = 1;
    static final int TARGET_OFFSET = 4;
    static final int CORRELATION_OFFSET = 8;
    static final int TAG_OFFSET = 16;
    static final int TAG_END = 24;
    static final int HEADER_LENGTH = 24;

    static final byte FORM_INLINE = 0;
    static final byte FORM_ARENA = 1;

    static final int SLOT_OFFSET = 24;
    static final int GENERATION_OFFSET = 28;
    static final int DATA_OFFSET_OFFSET = 32;
    static final int DATA_LENGTH_OFFSET = 40;
    static final int ARENA_FORM_LENGTH = 48;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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
        header.putLong(TAG_OFFSET, 0);
    }

    /** Puts {@code tag} into a header {@link #writeInline} or {@link #writeArena} wrote. */
    static void putTag(ByteBuffer header, long tag) {
        header.putLong(TAG_OFFSET, tag);
    }

    /** The tag of the message whose bytes start {@code m}, which holds at least {@link #HEADER_LENGTH}. */
    static long tag(byte[] m) {
        return (long) LONGS.get(m, TAG_OFFSET);
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
