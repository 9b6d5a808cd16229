package dev.isolates.protocol;

import java.nio.file.Path;

/**
 * Thrown before a file is mapped when its file system has too little room for it: a full disk under
 * a mapped file would otherwise kill the JVM with SIGBUS.
 */
public final class InsufficientSpaceException extends java.io.IOException {
    private static final long serialVersionUID = 1L;

    private final Path path;
    private final long needed;
    private final long available;

    public InsufficientSpaceException(Path path, long needed, long available) {
        super("not enough free space for " + path + ": needs " + MiB.format(needed) + ", the file system has "
                + MiB.format(available) + " free. Free some space there, or point the session elsewhere with -D"
                + SessionDirectory.BASE_PROPERTY + "=DIR");
        this.path = path;
        this.needed = needed;
        this.available = available;
    }

    /** The file that was to be mapped. */
    public Path path() {
        return path;
    }

    /** Bytes the mapping needed. */
    public long needed() {
        return needed;
    }

    /** Bytes the file system had free. */
    public long available() {
        return available;
    }
}
