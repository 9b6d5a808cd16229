package dev.isolates;

/** The base of every failure this library reports. Unchecked. */
public class IsolateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure without a cause.
     *
     * @param message what failed, where, and what to do
     */
    public IsolateException(String message) {
        super(message);
    }

    /**
     * A failure caused by another.
     *
     * @param message what failed, where, and what to do
     * @param cause   the failure behind it, or null
     */
    public IsolateException(String message, Throwable cause) {
        super(message, cause);
    }
}
