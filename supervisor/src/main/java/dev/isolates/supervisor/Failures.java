package dev.isolates.supervisor;

import dev.isolates.IsolateCrashedException;
import dev.isolates.IsolateException;
import dev.isolates.IsolateExit;
import dev.isolates.IsolateStartException;
import dev.isolates.launcher.WorkerStartException;

/** Turns a failed start or a dead isolate into the public exceptions, with messages a person can act on. */
final class Failures {
    private Failures() {
    }

    /** How messages name {@code isolate}: {@code isolate "NAME" (pid N)}. */
    static String describe(IsolateProcess isolate) {
        return "isolate \"" + isolate.debugName() + "\" (pid " + isolate.pid() + ")";
    }

    static IsolateStartException start(WorkerStartException e) {
        return new IsolateStartException(e.getMessage(), e.command(), e.output(), e);
    }

    /**
     * Why isolate {@code name} did not start: a launch that failed as {@link #start(WorkerStartException)},
     * anything else thrown on the way (an Error included) as a plain {@link IsolateException}.
     */
    static IsolateException notStarted(String name, Throwable e) {
        return e instanceof WorkerStartException start ? start(start)
                : new IsolateException("isolate \"" + name + "\" could not start: " + e, e);
    }

    static IsolateCrashedException crashed(IsolateProcess isolate, IsolateExit exit) {
        String tail = isolate.stderrTail();
        Throwable unread = isolate.readFailure();
        StringBuilder m = new StringBuilder();
        m.append(describe(isolate));
        if (unread != null) {
            m.append(" was ended by the supervisor, which could not read what it sent: ").append(unread).append('.');
        } else {
            m.append(" died: ").append(exit.reason()).append(" (exit code ").append(exit.exitCode()).append(").");
        }
        String advice = unread != null ? ExitClassifier.unreadableAdvice(unread, isolate.directory())
                : ExitClassifier.advice(exit.reason(), exit.exitCode());
        if (!advice.isEmpty()) {
            m.append(' ').append(advice);
        }
        if (!tail.isBlank()) {
            m.append(" Last lines it wrote:\n").append(tail);
        }
        IsolateCrashedException crashed = new IsolateCrashedException(m.toString(), isolate.debugName(), isolate.pid(),
                exit.exitCode(), exit.signal(), exit.reason(), tail, isolate.crashReport().orElse(null));
        if (unread != null) {
            crashed.initCause(unread);
        }
        return crashed;
    }
}
