package dev.isolates.json;

/**
 * A {@link JsonDocument}'s tape does not hold what its layout promises: an offset or length outside
 * the buffer, an unknown tag, containers that do not nest, bytes that are not UTF-8. Raised when the
 * document is opened or read, never a crash or a read outside the buffer. It means the memory was
 * written by something other than {@link JsonDocument#parse(byte[])}, or changed since: from an
 * untrusted isolate, treat it as that isolate's fault.
 */
public final class CorruptTapeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A corrupt tape.
     *
     * @param message what is wrong and where in the tape
     */
    public CorruptTapeException(String message) {
        super(message);
    }
}
