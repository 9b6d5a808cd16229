package dev.isolates.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A pool's isolates ended more often than its restart intensity allows, so it stopped replacing
 * them and failed its tasks. Not thread-safe: one instance per pool that stops.
 */
@Name("dev.isolates.RestartIntensityExceeded")
@Label("Restart Intensity Exceeded")
@Category("Isolates")
@StackTrace(false)
@Description("A pool stopped replacing isolates: more ended within the period than maxRestarts allows")
public final class RestartIntensityExceededEvent extends Event {
    /** The pool's name. */
    @Label("Pool")
    public String pool;

    /** The most restarts it allows within the period. */
    @Label("Max Restarts")
    public int maxRestarts;

    /** The period. */
    @Label("Period")
    @Timespan(Timespan.MILLISECONDS)
    public long period;

    /** The isolate that ended last, and why. */
    @Label("Last")
    public String last;
}
