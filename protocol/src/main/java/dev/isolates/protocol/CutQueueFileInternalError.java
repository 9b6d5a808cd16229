package dev.isolates.protocol;

import java.nio.file.Path;

/**
 * A queue file that this end reads through a mapping was cut short under it. Reading a cut page
 * faults; the JVM turns the fault into an {@link InternalError}, but it throws that error late, at
 * the reading thread's next safepoint in Java code, and until then the read goes on with what could
 * not be loaded. A reader parked in native code can miss that safepoint, so it would wait for ever
 * for a message that it can never read. It learns of the fault from the file's length instead
 * (making this error may itself bring out the JVM's own, still pending one: either ends the isolate).
 */
public final class CutQueueFileInternalError extends InternalError {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long length;
    private final long minimumLength;

    CutQueueFileInternalError(Path file, long length, long minimumLength) {
        super("a fault occurred in a recent unsafe memory access operation: the queue file " + file + " is "
                + length + " bytes, but every queue file is at least " + minimumLength
                + " bytes; its pages past the end cannot be read");
        this.file = file;
        this.length = length;
        this.minimumLength = minimumLength;
    }

    /** The queue file that was cut. */
    public Path file() {
        return file;
    }

    /** Its length when it was found cut, in bytes. */
    public long length() {
        return length;
    }

    /** The length every queue file has at least, in bytes. */
    public long minimumLength() {
        return minimumLength;
    }
}
