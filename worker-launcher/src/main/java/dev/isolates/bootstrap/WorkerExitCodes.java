package dev.isolates.bootstrap;

/** Exit codes a worker JVM chooses itself, so the supervisor can tell them from the code's own. */
public final class WorkerExitCodes {
    /** The worker could not connect its channel, or its body failed; it says so in a line containing {@link #BOOTSTRAP_FAILED_MARK}. */
    public static final int BOOTSTRAP_FAILED = 96;
    /** In the stderr line a worker writes before it exits with {@link #BOOTSTRAP_FAILED}: user code exiting with 96 is not it. */
    public static final String BOOTSTRAP_FAILED_MARK = "isolate worker failed: ";
    /** The supervisor died; the worker ended itself. */
    public static final int SUPERVISOR_GONE = 97;
    /** A fatal error (such as StackOverflowError) ended the isolate after it reported it. */
    public static final int FATAL_ERROR = 98;
    /** An error the isolate did not catch ended it (errors are fatal by default). */
    public static final int UNCAUGHT_ERROR = 94;
    /**
     * The isolate could not write to its channel, not even why it ends, for want of room on the
     * session's file system; it says so in a line starting with {@link #DISK_FULL_MARK}.
     */
    public static final int DISK_FULL = 93;
    /** Starts the stderr line, naming the file and sizes, that a worker writes before it exits with {@link #DISK_FULL}. */
    public static final String DISK_FULL_MARK = "isolate: disk full: ";
    /** The isolate was killed before its next event, as asked. */
    public static final int KILLED = 95;
    /** The JVM's own exit code for {@code -XX:+ExitOnOutOfMemoryError}. */
    public static final int OUT_OF_MEMORY = 3;
    private WorkerExitCodes() {
    }
}
