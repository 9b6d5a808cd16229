package dev.isolates.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Timespan;

/**
 * A pool's task got its outcome: how long it waited to be sent to an isolate, how long it ran
 * there (its last attempt), and the outcome. The event lasts from the task's submission to its
 * outcome; like the JDK's own events for waits, it is recorded only for tasks that took longer than
 * its threshold, 20 ms unless the recording sets another ({@code dev.isolates.PoolTask#threshold=0 ms}
 * records every task, at a cost a bulk submission of tiny tasks feels). Only tasks submitted while a
 * recording wants the event have one. Not thread-safe: one instance per task.
 */
@Name("dev.isolates.PoolTask")
@Label("Pool Task")
@Category("Isolates")
@StackTrace(false)
@Description("A pool's task from its submission to its outcome: its wait in the queue, its run in an isolate, the outcome")
@Threshold("20 ms")
public final class PoolTaskEvent extends Event {
    /** The pool's name. */
    @Label("Pool")
    public String pool;

    /** The task's number in its pool. */
    @Label("Task")
    public long task;

    /** From submission until it was first sent to an isolate, or until its outcome if it never was. */
    @Label("Queue Wait")
    @Timespan(Timespan.NANOSECONDS)
    public long queueWait;

    /** From when it was last sent to an isolate until its outcome; 0 if it never was. */
    @Label("Run Time")
    @Timespan(Timespan.NANOSECONDS)
    public long runTime;

    /** Times it was sent to an isolate. */
    @Label("Attempts")
    public int attempts;

    /** {@code done}, {@code failed} or {@code cancelled}. */
    @Label("Outcome")
    public String outcome;
}
