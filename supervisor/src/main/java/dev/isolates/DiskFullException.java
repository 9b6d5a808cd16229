package dev.isolates;

import java.nio.file.Path;

/**
 * A message, task or result could not be written: the file system under the session directory has
 * too little free room. Nothing of it was sent. Free some space there, or point the sessions at a
 * larger file system with {@code -Disolates.session.base=DIR}.
 */
public final class DiskFullException extends IsolateException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;
    /** Bytes the write needed. */
    private final long needed;
    /** Bytes the file system had free. */
    private final long available;

    /**
     * Reports a write that found no room.
     *
     * @param message   what could not be sent, where, and what to do
     * @param path      the file or folder that had no room
     * @param needed    bytes the write needed
     * @param available bytes the file system had free
     * @param cause     the file system's own report of it
     */
    public DiskFullException(String message, Path path, long needed, long available, Throwable cause) {
        super(message, cause);
        this.path = path;
        this.needed = needed;
        this.available = available;
    }

    /**
     * The file or folder that had no room.
     *
     * @return the path in this JVM, or null once the exception was deserialized (a path is not
     *         serializable)
     */
    public Path path() {
        return path;
    }

    /**
     * Bytes that were needed there.
     *
     * @return the bytes the write needed, with the margin kept free beside a mapped file
     */
    public long needed() {
        return needed;
    }

    /**
     * Bytes the file system had free.
     *
     * @return the usable bytes when the write failed, fewer than {@link #needed()}
     */
    public long available() {
        return available;
    }
}
