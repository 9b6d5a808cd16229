package dev.isolates.protocol;

import com.esotericsoftware.kryo.Kryo;
import java.io.IOException;

/**
 * Encodes each body of one channel end exactly once, into where it travels: inline when it fits
 * {@code inlineLimit}, else into a slot of the outbound arena (see {@link BodyOutput}).
 *
 * <p>Not thread-safe: the channel calls it under its send lock.
 */
final class BodyEncoder {
    private final KryoCodec codec;
    private final Kryo kryo;
    private final TransferArena arena;
    private final BodyOutput output;

    /** Encodes with {@code kryo}, a Kryo of {@code codec}'s that only this encoder uses. */
    BodyEncoder(KryoCodec codec, Kryo kryo, TransferArena arena, int inlineLimit) {
        this.codec = codec;
        this.kryo = kryo;
        this.arena = arena;
        this.output = new BodyOutput(inlineLimit, arena);
    }

    /**
     * Encodes {@code body} for {@code send}, whose serializers may hand payloads over by handle. An
     * arena slot this takes is published, and withdrawn again if {@code send} fails.
     *
     * @throws UnsendableObjectException if the body holds something that cannot be sent
     * @throws IOException               if the body is over the inline limit and the arena has no room for it
     */
    EncodedBody encode(Object body, SendAttempt send) throws IOException {
        output.start();
        TransferSerializer.beginSend(kryo, send);
        try {
            codec.encode(kryo, body, output);
        } catch (RuntimeException | Error e) {
            IOException noRoom = output.arenaFailure();
            abandonSlot();
            if (noRoom != null) {
                noRoom.addSuppressed(e);
                throw noRoom;
            }
            throw e;
        } finally {
            TransferSerializer.endSend(kryo);
        }
        TransferArena.Slot slot;
        try {
            slot = output.finish();
        } catch (IOException e) {
            abandonSlot();
            throw e;
        }
        if (slot == null) {
            return new EncodedBody(output.inlineBytes(), output.position(), null);
        }
        long length = output.arenaLength();
        ArenaHandle handle = arena.publish(slot, length);
        send.whenFailed(() -> arena.withdraw(handle));
        return new EncodedBody(null, (int) length, handle);
    }

    private void abandonSlot() {
        TransferArena.Slot slot = output.slot();
        if (slot != null) {
            arena.abandon(slot);
        }
        output.start();
    }
}
