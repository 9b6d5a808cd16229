package dev.isolates.protocol;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * A serializer for a type whose payload may travel through a transfer arena by handle instead of
 * inside the body. This is the one seam between a channel and such types: the channel tells the
 * serializer, as arguments, which send a write belongs to (and so which arena it may hand slots over
 * in) and which arena a read's handles point into. Implemented by the library for its
 * {@code TransferableBuffer}.
 *
 * <p>Thread-safety as Kryo's: an instance is registered with each Kryo and used by its thread.
 */
public abstract class TransferSerializer<T> extends Serializer<T> {
    private static final Object SEND_KEY = new Object();
    private static final Object ARENA_KEY = new Object();

    protected TransferSerializer() {
        super(false, false);
    }

    /**
     * Writes {@code value}.
     *
     * @param send the channel send in progress, or null when encoded outside a channel (its bytes must
     *             then be written in full)
     */
    protected abstract void write(Kryo kryo, Output output, T value, SendAttempt send);

    /**
     * Reads a value.
     *
     * @param arena the arena the reading end receives from, or null when decoded outside a channel
     */
    protected abstract T read(Kryo kryo, Input input, Class<? extends T> type, TransferArena arena);

    @Override
    @SuppressWarnings("unchecked") // Kryo's context is a raw ObjectMap
    public final void write(Kryo kryo, Output output, T value) {
        write(kryo, output, value, (SendAttempt) kryo.getContext().get(SEND_KEY));
    }

    @Override
    @SuppressWarnings("unchecked") // Kryo's context is a raw ObjectMap
    public final T read(Kryo kryo, Input input, Class<? extends T> type) {
        return read(kryo, input, type, (TransferArena) kryo.getContext().get(ARENA_KEY));
    }

    @SuppressWarnings("unchecked") // Kryo's context is a raw ObjectMap
    static void beginSend(Kryo kryo, SendAttempt send) {
        kryo.getContext().put(SEND_KEY, send);
    }

    static void endSend(Kryo kryo) {
        kryo.getContext().remove(SEND_KEY);
    }

    /** Makes {@code kryo}, a channel end's reader, resolve handles in {@code arena}. */
    @SuppressWarnings("unchecked") // Kryo's context is a raw ObjectMap
    static void receiveFrom(Kryo kryo, TransferArena arena) {
        kryo.getContext().put(ARENA_KEY, arena);
    }
}
