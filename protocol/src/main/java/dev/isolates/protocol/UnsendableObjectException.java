package dev.isolates.protocol;

/**
 * An object graph that cannot cross to another isolate, found while encoding it locally, before
 * anything was written to a channel.
 */
public final class UnsendableObjectException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String typeName;

    public UnsendableObjectException(String path, String typeName, String reason, Throwable cause) {
        super(describe(path, typeName, reason), cause);
        this.path = path;
        this.typeName = typeName;
    }

    private static String describe(String path, String typeName, String reason) {
        String where = path.isEmpty() ? "the message itself" : path;
        return "cannot send " + typeName + " at " + where + ": " + reason;
    }

    /** Where in the graph the unsendable object sits, e.g. {@code captured arg$2 -> conn -> socket}; empty for the root. */
    public String path() {
        return path;
    }

    /** The class name of the unsendable object. */
    public String typeName() {
        return typeName;
    }
}
