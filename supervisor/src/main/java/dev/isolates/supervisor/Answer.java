package dev.isolates.supervisor;

import dev.isolates.IsolateException;
import dev.isolates.UnsendableException;
import dev.isolates.protocol.MessageKind;
import dev.isolates.protocol.RemoteFailure;
import dev.isolates.protocol.UnreadableMessageException;
import dev.isolates.protocol.UnsendableReport;
import dev.isolates.runtime.SendFailures;
import java.util.function.Function;

/**
 * What an isolate answered to the task or computation with id {@link #correlation()}, decoded once
 * by its reader thread ({@link IsolateProcess}) before any listener sees it. Values are immutable.
 */
sealed interface Answer {
    /** The id of the task or computation answered. */
    long correlation();

    /** The task returned {@code value}. */
    record Value(long correlation, Object value) implements Answer {
    }

    /** The task threw; {@code exception} is its exception as rebuilt on this side. */
    record Failed(long correlation, Throwable exception) implements Answer {
    }

    /** The task's result could not be sent back. */
    record Unsendable(long correlation, UnsendableException exception) implements Answer {
    }

    /**
     * The answer came but could not be read here. With {@code endsIsolate} its isolate is being
     * ended for it (the reader met an {@link Error}), and nothing more should be sent to it.
     */
    record Unreadable(long correlation, IsolateException exception, boolean endsIsolate) implements Answer {
    }

    /** The answer that a decoded body of kind {@code kind} (RESULT, FAILURE or UNSENDABLE) stands for. */
    static Answer of(MessageKind kind, long correlation, Object body, Function<RemoteFailure, Throwable> rebuild) {
        switch (kind) {
            case RESULT:
                return new Value(correlation, body);
            case UNSENDABLE:
                return new Unsendable(correlation, SendFailures.unsendable((UnsendableReport) body));
            case FAILURE:
                return new Failed(correlation, rebuild.apply((RemoteFailure) body));
            default:
                throw new IllegalArgumentException(kind + " is not an answer");
        }
    }

    /**
     * The answer whose body threw {@code e} as it was decoded: {@code who} ({@code isolate "NAME" (pid N)})
     * sent it; an isolate whose classes are loaded here must have them on this side's classpath too.
     */
    static Unreadable unreadable(long correlation, String who, boolean untrusted, RuntimeException e) {
        boolean unreadable = e instanceof UnreadableMessageException;
        String advice = untrusted || unreadable ? "" : ". Its classes must be on the supervisor's classpath too.";
        return new Unreadable(correlation, new IsolateException("the answer of " + who + " could not be read here: "
                + e.getMessage() + advice, e), unreadable && ((UnreadableMessageException) e).endsIsolate());
    }
}
