package dev.isolates.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** An isolate's JVM ended: how, as {@code dev.isolates.IsolateExit} says it. Not thread-safe: one instance per end. */
@Name("dev.isolates.IsolateEnded")
@Label("Isolate Ended")
@Category("Isolates")
@StackTrace(false)
@Description("An isolate's JVM ended: its exit code, signal and the reason")
public final class IsolateEndedEvent extends Event {
    /** The isolate JVM's process id. */
    @Label("PID")
    public long pid;

    /** The isolate's debug name. */
    @Label("Debug Name")
    public String debugName;

    /** The JVM's exit code. */
    @Label("Exit Code")
    public int exitCode;

    /** The signal that ended it, or 0 if none did. */
    @Label("Signal")
    public int signal;

    /** Why it ended, such as {@code completed}, {@code System.exit} or {@code OutOfMemoryError}. */
    @Label("Reason")
    public String reason;
}
