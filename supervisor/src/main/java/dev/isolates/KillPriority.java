package dev.isolates;

/** When {@link Isolate#kill(KillPriority)} takes effect. */
public enum KillPriority {
    /** At once: the isolate's JVM is killed (SIGKILL), whatever it is doing. */
    IMMEDIATE,
    /** Once the event it runs now returns, before it takes the next message. */
    BEFORE_NEXT_EVENT
}
