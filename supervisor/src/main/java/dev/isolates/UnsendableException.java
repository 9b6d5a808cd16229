package dev.isolates;

/**
 * A message, computation or result holds something that cannot cross to another isolate: a thread,
 * a socket, a stream, a non-serializable lambda. Found by encoding locally first, so nothing reached
 * the other side.
 */
public final class UnsendableException extends IsolateException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String type;

    public UnsendableException(String message, String path, String type, Throwable cause) {
        super(message, cause);
        this.path = path;
        this.type = type;
    }

    /** Where the unsendable object sits in the graph, e.g. {@code captured arg$1 -> conn -> socket}. */
    public String path() {
        return path;
    }

    /** The class name of the unsendable object. */
    public String type() {
        return type;
    }
}
