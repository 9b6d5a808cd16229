package dev.isolates;

import java.time.Duration;

/** A computation ran past its timeout; its isolate was killed and is gone. */
public final class IsolateTimeoutException extends IsolateException {
    private static final long serialVersionUID = 1L;

    private final String debugName;
    private final long pid;
    private final Duration timeout;

    public IsolateTimeoutException(String debugName, long pid, Duration timeout) {
        super("isolate \"" + debugName + "\" (pid " + pid + ") did not finish within " + timeout.toMillis()
                + " ms and was killed. Give it more time with IsolateOptions.builder().timeout(...), or make the "
                + "computation shorter.");
        this.debugName = debugName;
        this.pid = pid;
        this.timeout = timeout;
    }

    /** The isolate's name. */
    public String debugName() {
        return debugName;
    }

    /** The process id the isolate had. */
    public long pid() {
        return pid;
    }

    /** The timeout that ran out. */
    public Duration timeout() {
        return timeout;
    }
}
