package dev.isolates;

/** When an {@link IsolatePool} replaces an isolate that has ended, as an Erlang/OTP supervisor would. */
public enum RestartPolicy {
    /** Always: after a crash, a timeout, a hang, or after it ran {@code maxTasksPerIsolate} tasks. */
    ALWAYS,
    /** Only after it ended abnormally (crash, timeout, hang); one that ran its task quota is not replaced. */
    ON_FAILURE,
    /** Never: the pool shrinks, and fails its pending tasks once no isolate is left. */
    NEVER
}
