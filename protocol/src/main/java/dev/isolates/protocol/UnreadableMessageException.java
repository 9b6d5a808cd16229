package dev.isolates.protocol;

/**
 * A message that was refused or could not be decoded on the receiving side: larger than this end
 * accepts, nested deeper than {@link KryoCodec#MAX_DEPTH}, or its decoding met an {@link Error}
 * (out of heap, a fault reading mapped memory). The message is gone; the channel can go on reading
 * unless {@link #endsIsolate()}.
 */
public final class UnreadableMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long length;
    private final boolean endsIsolate;

    public UnreadableMessageException(String message, long length, boolean endsIsolate, Throwable cause) {
        super(message, cause);
        this.length = length;
        this.endsIsolate = endsIsolate;
    }

    /** The encoded size of the message, in bytes. */
    public long length() {
        return length;
    }

    /**
     * True when decoding met an {@link Error} that leaves this JVM or the mapped memory in doubt: the
     * reader must end the isolate rather than read on.
     */
    public boolean endsIsolate() {
        return endsIsolate;
    }
}
