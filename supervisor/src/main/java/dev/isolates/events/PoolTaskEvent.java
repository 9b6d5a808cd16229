package dev.isolates.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.SettingDefinition;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A pool's task got its outcome: how long it waited to be sent to an isolate, how long it ran
 * there (its last attempt), and the outcome. Like the JDK's own events for waits, it is recorded
 * only for tasks that took long: at least its {@code taskThreshold} setting ({@link TaskThreshold},
 * 20 ms unless a recording sets another) from submission to outcome; {@code taskThreshold=0 ns}
 * records every task. Nothing is measured for it until a recording enables it. Not thread-safe: one
 * instance per task.
 */
@Name("dev.isolates.PoolTask")
@Label("Pool Task")
@Category("Isolates")
@StackTrace(false)
@Description("A pool's task got its outcome: its wait in the queue, its run in an isolate, the outcome")
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

    /** From submission until its outcome. */
    @Label("Total Time")
    @Timespan(Timespan.NANOSECONDS)
    public long totalTime;

    /** Times it was sent to an isolate. */
    @Label("Attempts")
    public int attempts;

    /** {@code done}, {@code failed} or {@code cancelled}. */
    @Label("Outcome")
    public String outcome;

    /** Whether this task took long enough for the recordings that enabled the event. */
    @SettingDefinition
    @Name("taskThreshold")
    @Label("Task Threshold")
    @Description("Record only tasks that took at least this long from submission to outcome")
    protected boolean taskThreshold(TaskThreshold threshold) {
        return threshold.records(totalTime);
    }
}
