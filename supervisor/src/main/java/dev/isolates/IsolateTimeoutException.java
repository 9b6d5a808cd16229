package dev.isolates;

import java.time.Duration;

/** A computation ran past its timeout; its isolate was killed and is gone. */
public final class IsolateTimeoutException extends IsolateException {
    private static final long serialVersionUID = 1L;

    /** The isolate's name. */
    private final String debugName;
    /** The process id the isolate had. */
    private final long pid;
    /** The timeout that ran out. */
    private final Duration timeout;

    /**
     * Reports an isolate killed for running past its timeout; the message says how to give it more time.
     *
     * @param debugName the isolate's name
     * @param pid       the process id the isolate had
     * @param timeout   the timeout that ran out
     */
    public IsolateTimeoutException(String debugName, long pid, Duration timeout) {
        super("isolate \"" + debugName + "\" (pid " + pid + ") did not finish within " + timeout.toMillis()
                + " ms and was killed. Give it more time with IsolateOptions.builder().timeout(...), or make the "
                + "computation shorter.");
        this.debugName = debugName;
        this.pid = pid;
        this.timeout = timeout;
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
     * @return the pid of the killed JVM; the process is gone
     */
    public long pid() {
        return pid;
    }

    /**
     * The timeout that ran out.
     *
     * @return the time the computation or task was given, positive
     */
    public Duration timeout() {
        return timeout;
    }
}
