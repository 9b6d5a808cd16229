package dev.isolates.protocol;

/** The two ends of an isolate's channel. */
public enum Side {
    SUPERVISOR,
    WORKER;

    /** The other end. */
    public Side peer() {
        return this == SUPERVISOR ? WORKER : SUPERVISOR;
    }
}
