package dev.isolates.protocol;

/**
 * Layout of one queue message. Every message starts with a 16-byte header; an inline body follows
 * it, or an arena handle does.
 *
 * <pre>
 * 0  kind byte | 1 form byte | 2..3 reserved | 4 target isolate int | 8 correlation long
 * inline form: 16.. Kryo body
 * arena form:  16 slot int | 20 generation int | 24 offset long | 32 length long
 * </pre>
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
}
