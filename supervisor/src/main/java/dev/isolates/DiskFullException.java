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
    private final long needed;
    private final long available;

    public DiskFullException(String message, Path path, long needed, long available, Throwable cause) {
        super(message, cause);
        this.path = path;
        this.needed = needed;
        this.available = available;
    }

    /** The file or folder that had no room. */
    public Path path() {
        return path;
    }

    /** Bytes that were needed there. */
    public long needed() {
        return needed;
    }

    /** Bytes the file system had free. */
    public long available() {
        return available;
    }
}
