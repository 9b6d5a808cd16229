package dev.isolates.protocol;

/**
 * A body encoded in its final place: the first {@code length} bytes of {@code inline}, to be copied
 * into the queue after the header, or a published arena slot whose {@code handle} travels instead.
 *
 * @param inline the encoder's buffer holding an inline body, valid until the next encode; null for the arena form
 * @param length the encoded length in bytes
 * @param handle the arena slot holding the body, or null for an inline body
 */
record EncodedBody(byte[] inline, int length, ArenaHandle handle) {
    boolean inArena() {
        return handle != null;
    }
}
