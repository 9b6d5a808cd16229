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

    private final String debugName;
    private final long pid;
    private final int exitCode;
    private final OptionalInt signal;
    private final String reason;
    private final String stderrTail;
    /** A path's text, or null: {@link Path} is not serializable. */
    private final String crashReport;

    public IsolateCrashedException(String message, String debugName, long pid, int exitCode, OptionalInt signal,
                                   String reason, String stderrTail) {
        this(message, debugName, pid, exitCode, signal, reason, stderrTail, null);
    }

    /**
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

    /**
     * The JVM's fatal-error report ({@code hs_err_pid<pid>.log}) when the JVM itself crashed (native
     * code, {@code Unsafe}), else empty. It lies in the supervisor's session directory, so it is
     * removed when this JVM exits; its banner (signal, problematic frame) is in {@link #stderrTail()}
     * and the message.
     */
    public Optional<Path> crashReport() {
        return Optional.ofNullable(crashReport).map(Path::of);
    }
}
