package dev.isolates.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * An isolate's JVM started and connected its channel; the event's duration is the start, from the
 * request to the connected channel (a wait for a turn to start included). Not thread-safe: one
 * instance per start.
 */
@Name("dev.isolates.IsolateStarted")
@Label("Isolate Started")
@Category("Isolates")
@StackTrace(false)
@Description("An isolate's JVM started and connected; the duration is the start")
public final class IsolateStartedEvent extends Event {
    /** The isolate JVM's process id. */
    @Label("PID")
    public long pid;

    /** The isolate's debug name. */
    @Label("Debug Name")
    public String debugName;

    /** Whether what it sends is decoded with the allow-list (a plugin's isolate). */
    @Label("Untrusted")
    public boolean untrusted;

    /** Whether its JVM runs in a bubblewrap sandbox. */
    @Label("Sandboxed")
    public boolean sandboxed;
}
