package dev.isolates.cli;

/**
 * A task's result or a handler's reply cannot be written as JSON: an object with nothing to write
 * (a bare {@code new Object()}), a cycle, a getter that throws. Thrown in the isolate.
 */
public final class UnwritableResultException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnwritableResultException(String message, Throwable cause) {
        super(message, cause);
    }
}
