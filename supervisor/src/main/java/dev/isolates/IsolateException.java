package dev.isolates;

/** The base of every failure this library reports. Unchecked. */
public class IsolateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IsolateException(String message) {
        super(message);
    }

    public IsolateException(String message, Throwable cause) {
        super(message, cause);
    }
}
