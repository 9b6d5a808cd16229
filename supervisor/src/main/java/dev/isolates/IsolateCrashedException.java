package dev.isolates;

import java.util.OptionalInt;

/**
 * An isolate's JVM ended before it answered: it ran out of heap, overflowed its stack, called
 * {@code System.exit}, halted, crashed, or was killed by a signal. Carries the facts and the last
 * lines the isolate wrote to stderr.
 */
public final class IsolateCrashedException extends IsolateException {
    private static final long serialVersionUID = 1L;

    private final String debugName;
    private final long pid;
    private final int exitCode;
    private final OptionalInt signal;
    private final String reason;
    private final String stderrTail;

    public IsolateCrashedException(String message, String debugName, long pid, int exitCode, OptionalInt signal,
                                   String reason, String stderrTail) {
        super(message);
        this.debugName = debugName;
        this.pid = pid;
        this.exitCode = exitCode;
        this.signal = signal;
        this.reason = reason;
        this.stderrTail = stderrTail;
    }

    /** The isolate's name. */
    public String debugName() {
        return debugName;
    }

    /** The process id the isolate had. */
    public long pid() {
        return pid;
    }

    /** The JVM's exit code (128 + n when killed by signal n). */
    public int exitCode() {
        return exitCode;
    }

    /** The signal that ended it, if one did. */
    public OptionalInt signal() {
        return signal;
    }

    /** Why it died, e.g. {@code OutOfMemoryError}, {@code StackOverflowError}, {@code System.exit}, {@code SIGKILL}. */
    public String reason() {
        return reason;
    }

    /** The last lines it wrote to stderr. */
    public String stderrTail() {
        return stderrTail;
    }
}
