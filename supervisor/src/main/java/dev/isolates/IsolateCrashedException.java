package dev.isolates;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An isolate's JVM ended before it answered: it ran out of heap, overflowed its stack, called
 * {@code System.exit}, halted, crashed, or was killed by a signal. Carries the facts and the last
 * lines the isolate wrote to stderr (and what its JVM printed as it died), and, when the JVM itself
 * crashed, where its full crash report is.
 */
public final class IsolateCrashedException extends IsolateException {
    private static final long serialVersionUID = 1L;

    /** The isolate's name. */
    private final String debugName;
    /** The process id the isolate had. */
    private final long pid;
    /** The JVM's exit code. */
    private final int exitCode;
    /** The signal that ended it, if one did. */
    private final OptionalInt signal;
    /** Why it died. */
    private final String reason;
    /** The last lines it wrote to stderr. */
    private final String stderrTail;
    /** A path's text, or null: {@link Path} is not serializable. */
    private final String crashReport;

    /**
     * Reports an isolate that died and left no fatal-error report.
     *
     * @param message    what died, why, what to do, and the last lines it wrote
     * @param debugName  the isolate's name
     * @param pid        the process id the isolate had
     * @param exitCode   the JVM's exit code (128 + n when killed by signal n)
     * @param signal     the signal that ended it, or empty
     * @param reason     why it died, e.g. {@code OutOfMemoryError}
     * @param stderrTail the last lines it wrote to stderr, possibly empty
     */
    public IsolateCrashedException(String message, String debugName, long pid, int exitCode, OptionalInt signal,
                                   String reason, String stderrTail) {
        this(message, debugName, pid, exitCode, signal, reason, stderrTail, null);
    }

    /**
     * Reports an isolate that died, with where its JVM's fatal-error report is.
     *
     * @param message     what died, why, what to do, and the last lines it wrote
     * @param debugName   the isolate's name
     * @param pid         the process id the isolate had
     * @param exitCode    the JVM's exit code (128 + n when killed by signal n)
     * @param signal      the signal that ended it, or empty
     * @param reason      why it died, e.g. {@code OutOfMemoryError}
     * @param stderrTail  the last lines it wrote to stderr, possibly empty
     * @param crashReport the JVM's fatal-error report ({@code hs_err_pid<pid>.log}), or null when it
     *                    wrote none
     */
    public IsolateCrashedException(String message, String debugName, long pid, int exitCode, OptionalInt signal,
                                   String reason, String stderrTail, Path crashReport) {
        super(message);
        this.debugName = debugName;
        this.pid = pid;
        this.exitCode = exitCode;
        this.signal = signal;
        this.reason = reason;
        this.stderrTail = stderrTail;
        this.crashReport = crashReport == null ? null : crashReport.toString();
    }

    /**
     * The isolate's name.
     *
     * @return the name given with {@link IsolateOptions.Builder#debugName}, or the generated one
     */
    public String debugName() {
        return debugName;
    }

    /**
     * The process id the isolate had.
     *
     * @return the pid of the JVM that died; the process is gone
     */
    public long pid() {
        return pid;
    }

    /**
     * The JVM's exit code (128 + n when killed by signal n).
     *
     * @return the exit status the operating system reported for the isolate's JVM
     */
    public int exitCode() {
        return exitCode;
    }

    /**
     * The signal that ended it, if one did.
     *
     * @return the signal's number, e.g. 9 for {@code SIGKILL}; empty when the JVM exited by itself
     */
    public OptionalInt signal() {
        return signal;
    }

    /**
     * Why it died, e.g. {@code OutOfMemoryError}, {@code StackOverflowError}, {@code System.exit}, {@code SIGKILL}.
     *
     * @return a short name for the cause, as the message gives it
     */
    public String reason() {
        return reason;
    }

    /**
     * The last lines it wrote to stderr.
     *
     * @return the lines, newline-separated; empty when it wrote none
     */
    public String stderrTail() {
        return stderrTail;
    }

    /**
     * The JVM's fatal-error report ({@code hs_err_pid<pid>.log}) when the JVM itself crashed (native
     * code, {@code Unsafe}), else empty. It lies in the supervisor's session directory, so it is
     * removed when this JVM exits; its banner (signal, problematic frame) is in {@link #stderrTail()}
     * and the message.
     *
     * @return the report's path while this JVM runs, or empty when the JVM did not crash or wrote none
     */
    public Optional<Path> crashReport() {
        return Optional.ofNullable(crashReport).map(Path::of);
    }
}
