package dev.isolates.supervisor;

import dev.isolates.IsolateExit;
import dev.isolates.protocol.ExitNotice;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What an isolate runs in, seen from the supervisor: a JVM of its own ({@link IsolateJvm}) or, in-process,
 * a thread of this one ({@link IsolateThread}). Alive or not, killed, given a grace period to end,
 * waited for, and what it left when it ended.
 *
 * <p>Safe from any thread.
 */
interface IsolateHost {
    /** The process the isolate runs in. */
    long pid();

    boolean isAlive();

    /** Ends the isolate as soon as it can be: at once for a JVM, before its next event in-process. */
    void kill();

    /** Ends what the isolate started that outlived it; call once it has ended. */
    void endOrphans();

    /** Kills the isolate if it is still alive a grace period after it was asked to end. */
    void killUnlessEndedInGrace(Session session);

    /** Waits up to {@code nanos} for the isolate to end, as the supervisor exits. */
    void awaitExit(long nanos);

    /**
     * Waits for the isolate whose channel has closed to end, then says how it ended.
     *
     * @param notice     the worker's last notice, or null
     * @param orderly    true when the supervisor asked it to end
     * @param unreadable true when the supervisor ended it because it could not read what it sent
     */
    IsolateExit awaitEnd(ExitNotice notice, boolean orderly, boolean unreadable);

    /** True when the isolate's code may still run and write to its arena although it counts as ended. */
    boolean abandoned();

    /** The JVM's fatal-error report, if it crashed and left one; known once it has ended. */
    Optional<Path> crashReport();

    /** The last lines the isolate wrote to stderr. */
    String stderrTail();

    /** Waits up to {@code millis} until all the isolate wrote to stdout has been passed on. */
    void awaitOutput(long millis);
}
