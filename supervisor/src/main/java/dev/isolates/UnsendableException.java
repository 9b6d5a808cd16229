package dev.isolates;

/**
 * A message, computation or result holds something that cannot cross to another isolate: a thread,
 * a socket, a stream, a non-serializable lambda. Found by encoding locally first, so nothing reached
 * the other side.
 */
public final class UnsendableException extends IsolateException {
    private static final long serialVersionUID = 1L;

    /** Where the unsendable object sits in the graph. */
    private final String path;
    /** The class name of the unsendable object. */
    private final String type;

    /**
     * Reports an object that cannot be sent.
     *
     * @param message what cannot be sent, where, and what to do
     * @param path    where the object sits in the graph, e.g. {@code captured arg$1 -> conn -> socket}
     * @param type    the object's class name
     * @param cause   the encoder's own report of it, or null
     */
    public UnsendableException(String message, String path, String type, Throwable cause) {
        super(message, cause);
        this.path = path;
        this.type = type;
    }

    /**
     * Where the unsendable object sits in the graph, e.g. {@code captured arg$1 -> conn -> socket}.
     *
     * @return the path from the sent value to the object, its steps joined by {@code " -> "}
     */
    public String path() {
        return path;
    }

    /**
     * The class name of the unsendable object.
     *
     * @return the fully qualified class name, e.g. {@code java.net.Socket}
     */
    public String type() {
        return type;
    }
}
